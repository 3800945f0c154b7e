#!/usr/bin/env python3
"""A real Zenoh node (eclipse-zenoh from PyPI) for Parallax's interop tests.

Modes:
  router --listen EP                    route between clients; prints "ready", runs until SIGTERM
  sub    (--connect EP | --listen EP) --key K --count N
                                        subscribe (client, or peer when listening); prints "ready", then one JSON
                                        line per sample: key, kind, size, crc32, encoding, attachment (hex),
                                        priority (e.g. "Priority.REAL_TIME"); exits
                                        after N samples. Samples on keys ending in /probe print {"probe": true} and
                                        are not counted (the test puts them until one arrives: the route exists)
  pub    --connect EP --key K --sizes 16,1048576 [--encoding E] [--attachment HEX] [--priority NAME]  (congestion control: block)
                                        wait for a matching subscriber, put one sample per size (payload byte i is
                                        (i * 7 + size) & 0xFF), print "done"
Reports go to stderr, one line each; the runtime logs to stdout. Multicast scouting is always off and everything stays on the endpoints given.
"""
import argparse
import json
import signal
import sys
import threading
import zlib

import zenoh


def say(line):
    """Reports to the test on stderr; the runtime's own log (RUST_LOG) goes to stdout."""
    print(line, file=sys.stderr, flush=True)


def payload(size):
    pattern = bytes((i * 7 + size) & 0xFF for i in range(7 * 256))
    period = 256  # (i * 7) mod 256 repeats every 256 bytes
    block = pattern[:period]
    return (block * (size // period + 1))[:size]


def config(mode, listen, connect, lease):
    conf = zenoh.Config()
    conf.insert_json5("mode", json.dumps(mode))
    conf.insert_json5("listen/endpoints", json.dumps([listen] if listen else []))
    conf.insert_json5("connect/endpoints", json.dumps([connect] if connect else []))
    conf.insert_json5("scouting/multicast/enabled", "false")
    conf.insert_json5("scouting/gossip/enabled", "false")
    if lease:
        conf.insert_json5("transport/link/tx/lease", str(lease))
    return conf


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["router", "sub", "pub"])
    parser.add_argument("--listen")
    parser.add_argument("--connect")
    parser.add_argument("--key")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--sizes", default="16")
    parser.add_argument("--encoding")
    parser.add_argument("--attachment")
    parser.add_argument("--lease", type=int)
    parser.add_argument("--priority", help="a zenoh.Priority name, e.g. REAL_TIME")
    args = parser.parse_args()
    zenoh.init_log_from_env_or("error")  # RUST_LOG=debug shows the runtime's view of the session

    if args.mode == "router":
        session = zenoh.open(config("router", args.listen, None, args.lease))
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])
        say("ready")
        signal.sigwait([signal.SIGTERM, signal.SIGINT])  # until the test stops us
        session.close()
        return

    if args.mode == "sub":
        role = "peer" if args.listen else "client"
        session = zenoh.open(config(role, args.listen, args.connect, args.lease))
        done = threading.Event()
        seen = [0]

        def on_sample(sample):
            if str(sample.key_expr).endswith("/probe"):
                say(json.dumps({"probe": True}))  # the test's check that the route exists; not counted
                return
            data = sample.payload.to_bytes()
            attachment = sample.attachment.to_bytes().hex() if sample.attachment is not None else None
            say(json.dumps({
                "key": str(sample.key_expr), "kind": str(sample.kind), "size": len(data),
                "crc32": zlib.crc32(data), "encoding": str(sample.encoding), "attachment": attachment,
                "priority": str(sample.priority),
            }))
            seen[0] += 1
            if seen[0] >= args.count:
                done.set()

        subscriber = session.declare_subscriber(args.key, on_sample)
        say("ready")
        done.wait(60)
        subscriber.undeclare()
        session.close()
        return

    session = zenoh.open(config("client", None, args.connect, args.lease))
    # Blocking congestion control: with zenoh's default (drop), a router whose queue towards a slow subscriber
    # is full drops whole samples, which a loaded test machine can make happen.
    publisher_options = {"congestion_control": zenoh.CongestionControl.BLOCK}
    if args.priority:
        publisher_options["priority"] = getattr(zenoh.Priority, args.priority)
    publisher = session.declare_publisher(args.key, **publisher_options)
    matched = threading.Event()
    listener = publisher.declare_matching_listener(lambda status: matched.set() if status.matching else None)
    if publisher.matching_status:
        matched.set()
    if not matched.wait(30):
        say("no subscriber matched")
        sys.exit(1)
    for size in (int(s) for s in args.sizes.split(",")):
        options = {}
        if args.encoding:
            options["encoding"] = zenoh.Encoding(args.encoding)
        if args.attachment:
            options["attachment"] = bytes.fromhex(args.attachment)
        publisher.put(payload(size), **options)
    listener.undeclare()
    publisher.undeclare()
    session.close()
    say("done")


if __name__ == "__main__":
    main()
