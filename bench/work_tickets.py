#!/usr/bin/env python3
"""Works the newest N tickets over the API, as a support team would have.

Imported tickets are all new and unassigned, which makes every list filter
trivially cheap. This gives the head of the queue a realistic mix before
the read benchmarks: each of the newest N tickets gets a first reply from
one of the agents (who becomes owner and assignee, 首问负责), a quarter then
wait for the customer, a quarter are resolved, and one in five gets a tag
from the manager. Standard library only; loopback HTTP with keep-alive.

  bench/work_tickets.py --port 8080 --count 3000 \
      --manager TOKEN --agent li.na=TOKEN --agent zhao.lei=TOKEN --agent sun.li=TOKEN
"""
import argparse
import http.client
import json
import sys


class OneWriteConnection(http.client.HTTPConnection):
    """Sends the head and the body of a request in one write.

    http.client writes them separately; `kefu serve` then sometimes closes
    the connection without answering (about one POST in 500 on loopback,
    seen with RESTinio 0.6.16). wrk writes each request at once.
    """

    def _send_output(self, message_body=None, encode_chunked=False):
        self._buffer.extend((b"", b""))
        msg = b"\r\n".join(self._buffer)
        del self._buffer[:]
        self.send(msg + (message_body or b""))


class Client:
    def __init__(self, port, token):
        self.conn = OneWriteConnection("127.0.0.1", port, timeout=30)
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        self.conn.request(method, path, body=data, headers=self.headers)
        resp = self.conn.getresponse()
        payload = resp.read()
        if resp.status >= 300:
            raise RuntimeError("%s %s: %d %s" % (method, path, resp.status, payload[:200]))
        return json.loads(payload)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--manager", required=True, help="bearer token of a manager")
    ap.add_argument("--agent", action="append", required=True, help="LOGIN=TOKEN, repeatable")
    args = ap.parse_args()

    manager = Client(args.port, args.manager)
    agents = [Client(args.port, a.split("=", 1)[1]) for a in args.agent]
    newest = manager.call("GET", "/api/v1/tickets?limit=1")["items"][0]["id"]
    last = int(newest.split("-")[1])
    first = max(1, last - args.count + 1)
    counts = {"replied": 0, "pending_customer": 0, "resolved": 0, "tagged": 0}
    for i, seq in enumerate(range(first, last + 1)):
        tid = "T-%06d" % seq
        agent = agents[i % len(agents)]
        agent.call("POST", "/api/v1/tickets/%s/messages" % tid,
                   {"body": "您好，您的问题我来跟进，请稍等。"})
        counts["replied"] += 1
        if i % 4 == 1:
            agent.call("POST", "/api/v1/tickets/%s/transitions" % tid,
                       {"to": "pending_customer", "reason": "等待客户提供照片"})
            counts["pending_customer"] += 1
        elif i % 4 == 2:
            agent.call("POST", "/api/v1/tickets/%s/transitions" % tid,
                       {"to": "resolved", "reason": "已补发"})
            counts["resolved"] += 1
        if i % 5 == 0:
            manager.call("PATCH", "/api/v1/tickets/" + tid, {"tags": ["回访"]})
            counts["tagged"] += 1
    json.dump({"first": "T-%06d" % first, "last": newest, **counts}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
