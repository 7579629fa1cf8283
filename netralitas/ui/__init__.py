"""The only modules that import streamlit: session state, URL sync, cached data access, layout helpers."""
