"""The HTTP routes: public ones (``/health``, ``/api/v1/schema``, login) and those that
need a bearer token (``/api/v1/me``, ``/api/v1/users…``, ``/api/v1/devices…``)."""
