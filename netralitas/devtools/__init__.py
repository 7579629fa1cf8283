"""Developer tools: the benchmark, the viewer crowd client and the sample generator."""
