"""Streamlit's websocket protocol, for the viewer benchmark's client (netralitas/devtools/viewers.py): the BackMsg a
new browser tab sends, and what the ForwardMsgs that answer it carry. Read from the installed package's
server (streamlit/web/server/starlette/starlette_websocket.py, runtime/app_session.py) and its protobufs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

if TYPE_CHECKING:
    from ..devtools.viewers import View


def rerun_message(base: str, path: str, query_string: str) -> bytes:
    """The BackMsg a new browser tab sends once its websocket is open."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query_string
    state.page_name = path.strip("/")
    info = state.context_info
    info.timezone = "Asia/Jakarta"
    info.timezone_offset = -420
    info.locale = "id-ID"
    info.url = f"{base}/{path.lstrip('/')}" + (f"?{query_string}" if query_string else "")
    info.color_scheme = "light"
    return msg.SerializeToString()


def account(view: View, data: bytes) -> bool:
    """Account for one ForwardMsg; True when it is the end of a successful (or failed) script run."""
    msg = ForwardMsg()
    msg.ParseFromString(data)
    view.messages += 1
    view.bytes += len(data)
    kind = msg.WhichOneof("type")
    if kind == "delta" and view.deltas is not None:
        view.deltas.append(data)
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        which = element.WhichOneof("type")
        if which == "plotly_chart":
            view.charts += 1
            view.specs.append(element.plotly_chart.spec)
        elif which == "exception":
            view.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif which == "alert":
            view.texts.append(element.alert.body)
            if element.alert.format == Alert.ERROR:
                view.errors.append(element.alert.body)
        elif which == "metric":
            view.texts.append(f"{element.metric.label}={element.metric.body}")
    if kind == "script_finished":
        return msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
    return False
