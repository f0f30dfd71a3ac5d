"""The ApiClient's parts: its connection (transport.py) and its calls, by area."""
