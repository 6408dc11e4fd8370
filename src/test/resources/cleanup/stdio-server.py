#!/usr/bin/env python3
"""A minimal MCP server over stdio: answers initialize and ping, exits when stdin closes."""
import json
import sys

for line in sys.stdin:
    try:
        message = json.loads(line)
    except ValueError:
        continue
    if "id" not in message or "method" not in message:
        continue  # a notification or a response: nothing to answer
    method = message["method"]
    if method == "initialize":
        version = message.get("params", {}).get("protocolVersion", "2025-06-18")
        result = {"protocolVersion": version, "capabilities": {},
                  "serverInfo": {"name": "stdio-fixture", "version": "1.0"}}
        reply = {"jsonrpc": "2.0", "id": message["id"], "result": result}
    elif method == "ping":
        reply = {"jsonrpc": "2.0", "id": message["id"], "result": {}}
    else:
        reply = {"jsonrpc": "2.0", "id": message["id"],
                 "error": {"code": -32601, "message": "Method not found: " + method}}
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
