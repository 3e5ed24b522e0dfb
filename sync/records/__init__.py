"""The contract between replicas: imports nothing else of the project.

- ``registry`` — every record type by name; ``types_*`` declare them from the
  meta-model in ``fields`` (fields, field groups, merge policies, needs, rules).
- ``workflow`` — states, commands, roles, what reopens review.
- ``validation``/``values``/``thai``/``money`` — one validation for every replica:
  coded issues naming the field (texts in ``errors``), the Thai normaliser.
- ``record``/``ops``/``canonical``/``signing``/``hlc``/``ids`` — the record envelope,
  the signed op as exact canonical bytes, device keys, hybrid clocks, ids.
- ``schema`` — all of it as JSON Schema (``GET /schema``); ``describe`` as Markdown.
"""
