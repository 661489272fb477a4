"""The use cases: what a person asks the coach to do (check, situation, record a post, now, import, export).

Entry points (the CLI, the HTTP handlers, the native host) call these; they in turn use the
domain packages and the store. Nothing below imports this package.
"""
