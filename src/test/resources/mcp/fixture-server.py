#!/usr/bin/env python3
"""A small stdio MCP server for tests. The mode (first argument) breaks one rule on purpose:

  good                 follows the specification (tools over two pages, resources, prompts)
  banner               prints a banner on stdout before speaking JSON-RPC
  silent               reads stdin but never answers (hangs on initialize)
  wrong-id             answers initialize with an id that was never sent
  crash-on-initialize  writes a traceback to stderr and exits 1 on initialize
  ignore-eof           keeps running after stdin closes, until SIGTERM
  ignore-term          keeps running after stdin closes and ignores SIGTERM too
  echo-version         echoes whatever protocol version the client offers
  bad-schema           lists a tool whose inputSchema is not an object schema
  wrong-error-code     answers an unknown method with -32600 instead of -32601
  orphan-child         leaves a child process running when it exits
"""
import json
import signal
import subprocess
import sys
import time

MODE = sys.argv[1] if len(sys.argv) > 1 else "good"
SUPPORTED = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

TOOLS = [
    {"name": "echo", "description": "Echoes its input",
     "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}},
    {"name": "add", "description": "Adds two numbers",
     "inputSchema": {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}},
     "outputSchema": {"type": "object", "properties": {"sum": {"type": "number"}}}},
]
if MODE == "bad-schema":
    TOOLS.append({"name": "broken", "description": "Schema is a string", "inputSchema": "string"})


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def result(request_id, value):
    send({"jsonrpc": "2.0", "id": request_id, "result": value})


def error(request_id, code, message):
    send({"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}})


def initialize(request_id, params):
    offered = params.get("protocolVersion")
    if MODE == "crash-on-initialize":
        sys.stderr.write("Traceback (most recent call last):\nRuntimeError: fixture crashes on initialize\n")
        sys.stderr.flush()
        sys.exit(1)
    version = offered if MODE == "echo-version" or offered in SUPPORTED else SUPPORTED[0]
    answer = {"protocolVersion": version,
              "capabilities": {"tools": {}, "resources": {}, "prompts": {}},
              "serverInfo": {"name": "fixture-" + MODE, "version": "1.0.0"}}
    if MODE == "wrong-id":
        request_id = request_id + 1000
    result(request_id, answer)


def handle(message):
    method, request_id = message.get("method"), message.get("id")
    params = message.get("params") or {}
    if request_id is None:
        return  # a notification: never answered
    if method == "initialize":
        initialize(request_id, params)
    elif method == "ping":
        result(request_id, {})
    elif method == "tools/list":
        # two pages, to exercise nextCursor
        if params.get("cursor") == "page-2":
            result(request_id, {"tools": TOOLS[1:]})
        else:
            result(request_id, {"tools": TOOLS[:1], "nextCursor": "page-2"})
    elif method == "resources/list":
        result(request_id, {"resources": [{"uri": "fixture://readme", "name": "readme", "mimeType": "text/plain"}]})
    elif method == "prompts/list":
        result(request_id, {"prompts": [{"name": "greet", "description": "Says hello"}]})
    elif MODE == "wrong-error-code":
        error(request_id, -32600, "Invalid request")
    else:
        error(request_id, -32601, "Method not found")


def main():
    sys.stderr.write("fixture server (%s) starting\n" % MODE)
    sys.stderr.flush()
    if MODE == "banner":
        print("Fixture MCP server v1.0 ready on stdio", flush=True)
    if MODE == "ignore-term":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if MODE == "orphan-child":
        subprocess.Popen(["sleep", "300"], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for line in sys.stdin.buffer:
        if MODE == "silent":
            continue
        try:
            message = json.loads(line)
        except ValueError:
            error(None, -32700, "Parse error")
            continue
        handle(message)
    if MODE in ("ignore-eof", "ignore-term"):
        while True:
            time.sleep(1)


if __name__ == "__main__":
    main()
