#!/usr/bin/env python3
"""Side-by-side benchmark of Zenoh on loopback: parallax-launch (release) and eclipse-zenoh's Python client, through
one eclipse-zenoh router, in one invocation.

Usage: bench/zenoh.py [--quick] [--runs N] [--launch PATH] [--python PATH]

--python is an interpreter with eclipse-zenoh (default .venv-zenoh/bin/python, which scripts/install-deps.sh
makes); the script runs itself under it. One router (eclipse-zenoh, mode router, multicast and gossip scouting off)
listens on a free loopback TCP port; every publisher and subscriber is a client of it, in its own process.
Before each publisher starts, the bench's own client session declares a publisher on the key and waits for its
matching status: the subscriber is declared at the router, so the route exists.

1. Throughput, 1 MB and 8 MB frames, N of them, reliable, congestion control "block" on both sides (nothing is
   dropped; the subscriber checks it got all N):
     Parallax  sub: zenoh_sub key=K connect=EP num-buffers=N ! fakesink   (caps learnt from the first sample)
               pub: fakesrc num-buffers=N sizetype=fixed sizemax=S filltype=zero ! zenoh_pub key=K connect=EP
                    congestion=block   (each buffer is zeroed, a memset; zenoh_pub attaches pts/seq/sent text)
     Python    sub: declare_subscriber(K, callback) counting samples (it does not copy or read the payload)
               pub: declare_publisher(K, congestion_control=BLOCK); one `bytes(S)` built before the clock starts,
                    put N times in a loop, no attachment
   Clock: Parallax, from starting the publisher process (the subscriber is already declared) to the subscriber
   process's exit after its Nth frame, so parallax-launch's start (about 60 ms with one frame) and teardown count against it;
   Python, from the publisher's matching status (its interpreter start and session opening do not count) to the
   subscriber's callback for the Nth sample (CLOCK_MONOTONIC, shared by the processes). The Parallax figure is
   therefore a lower bound. Frames/s = N / time; GB/s = N * S / time / 1e9. Also reported: the CPU time (user +
   system) the publisher and subscriber processes used, per frame (getrusage of the bench's children; the router
   is not counted).
   Python runs twice: "python-tcp" with transport/shared_memory/enabled=false in both nodes, so that its bytes
   travel the TCP links through the router as Parallax's do, and "python-shm" with eclipse-zenoh's defaults, under
   which processes on one host exchange messages over 3 KB through a shared-memory pool and the sockets carry only
   references. Ratios: Parallax / python-tcp and Parallax / python-shm.

2. Latency of 16-byte messages, 100 a second, one at a time (one-way, on one machine, by its wall clock;
   not a ping-pong: the elements have no reply path):
     Parallax  videotestsrc is-live=true pattern=black ! video/x-raw,format=GRAY8,width=4,height=4,framerate=100/1
               ! zenoh_pub  ->  router  ->  zenoh_sub ! fakesink under `parallax-launch -m`; zenoh_sub stamps each
               sample on arrival against the `sent=` (wall-clock ns) zenoh_pub puts in the attachment, and posts
               `zenoh-sub-latency` with the mean of each second
     Python    a publisher putting 16 zero bytes every 10 ms with the attachment `seq=I;sent=<time.time_ns()>`
               -> router -> a subscriber stamping each sample in its callback
   Reported: the median of the per-second means for both (the only form zenoh_sub gives), and the per-sample
   median for Python and for Parallax's publisher read by the Python subscriber (zenoh_pub -> Python).

Medians over --runs (default 5), the tools alternating. --quick: one run, fewer frames.
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# This file is named zenoh.py: keep its folder off the path so that `import zenoh` finds eclipse-zenoh.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]


# ---------------------------------------------------------------- nodes (run under the eclipse-zenoh interpreter)

def zenoh_config(zenoh, mode, endpoint):
    import json
    conf = zenoh.Config()
    conf.insert_json5("mode", json.dumps(mode))
    conf.insert_json5("listen/endpoints", json.dumps([endpoint] if mode == "router" else []))
    conf.insert_json5("connect/endpoints", json.dumps([] if mode == "router" else [endpoint]))
    conf.insert_json5("scouting/multicast/enabled", "false")
    conf.insert_json5("scouting/gossip/enabled", "false")
    if mode != "router" and os.environ.get("BENCH_ZENOH_SHARED_MEMORY") == "off":
        conf.insert_json5("transport/shared_memory/enabled", "false")
    return conf


def node(argv):
    """`node router EP` | `node pub EP KEY SIZE COUNT INTERVAL` | `node sub EP KEY COUNT latency|count`."""
    import signal
    import zenoh
    zenoh.init_log_from_env_or("error")
    mode, endpoint = argv[0], argv[1]
    if mode == "router":
        session = zenoh.open(zenoh_config(zenoh, "router", endpoint))
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])
        print("ready", flush=True)
        signal.sigwait([signal.SIGTERM, signal.SIGINT])
        session.close()
        return
    session = zenoh.open(zenoh_config(zenoh, "client", endpoint))
    if mode == "pub":
        key, size, count, interval = argv[2], int(argv[3]), int(argv[4]), float(argv[5])
        publisher = session.declare_publisher(key, congestion_control=zenoh.CongestionControl.BLOCK,
                                              reliability=zenoh.Reliability.RELIABLE)
        payload = bytes(size)  # built once, before the clock
        deadline = time.monotonic() + 30
        while not publisher.matching_status.matching:
            if time.monotonic() > deadline:
                sys.exit("no subscriber matched")
            time.sleep(0.001)
        print(f"start {time.monotonic()}", flush=True)
        if interval > 0:
            tick = time.monotonic()
            for i in range(count):
                publisher.put(payload, attachment=f"seq={i};sent={time.time_ns()}".encode())
                tick += interval
                time.sleep(max(0.0, tick - time.monotonic()))
        else:
            put = publisher.put
            for _ in range(count):
                put(payload)
        # Closing now could discard samples still queued in the session: stay until the bench has seen them arrive.
        sys.stdin.read()
        publisher.undeclare()
        session.close()
        return
    key, count, kind = argv[2], int(argv[3]), argv[4]
    done = threading.Event()
    state = {"seen": 0, "last": 0.0, "delays": []}

    def on_sample(sample):
        if kind == "latency":
            now = time.time_ns()
            attachment = sample.attachment.to_bytes().decode() if sample.attachment is not None else ""
            fields = dict(f.split("=", 1) for f in attachment.split(";") if "=" in f and not f.startswith("caps"))
            if "sent" in fields:
                state["delays"].append((now, max(0, now - int(fields["sent"]))))
        state["seen"] += 1
        if state["seen"] == count:
            state["last"] = time.monotonic()
            done.set()

    subscriber = session.declare_subscriber(key, on_sample)
    print("ready", flush=True)
    if not done.wait(60):
        sys.exit(f"only {state['seen']} of {count} samples arrived")
    if kind == "latency":
        delays = state["delays"]
        print("median-us", statistics.median(d for _, d in delays) / 1000, flush=True)
        print("window-means-us", " ".join(str(m) for m in windows(delays)), flush=True)
    else:
        print(f"last {state['last']}", flush=True)
    subscriber.undeclare()
    session.close()


def windows(delays):
    """Mean delay (µs) of each second, as zenoh_sub's ZenohLatency forms them: a window opens at its first sample
    and closes at the first sample a second or more later (included)."""
    means, start, batch = [], None, []
    for now, delay in delays:
        if start is None:
            start = now
        batch.append(delay)
        if now - start >= 1_000_000_000:
            means.append(sum(batch) // len(batch) // 1000)
            start, batch = None, []
    return means


# ---------------------------------------------------------------- the bench

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Bench:
    def __init__(self, launch, python):
        import zenoh
        self.zenoh = zenoh
        self.launch, self.python = launch, python
        self.endpoint = f"tcp/127.0.0.1:{free_port()}"
        self.router = subprocess.Popen([python, __file__, "node", "router", self.endpoint],
                                       stdout=subprocess.PIPE, text=True)
        if self.router.stdout.readline().strip() != "ready":
            sys.exit("the router did not start")
        self.session = zenoh.open(zenoh_config(zenoh, "client", self.endpoint))
        self.keys = 0

    def close(self):
        self.session.close()
        self.router.terminate()
        self.router.wait()

    def key(self):
        self.keys += 1
        return f"bench/{os.getpid()}/{self.keys}"

    def wait_declared(self, key, process):
        """Until a subscriber on key is declared at the router (the bench's publisher matches it)."""
        watcher = self.session.declare_publisher(key)
        deadline = time.monotonic() + 30
        while not watcher.matching_status.matching:
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"the subscriber on {key} did not come up")
            time.sleep(0.001)
        watcher.undeclare()

    def node(self, *argv, shared_memory=True):
        env = dict(os.environ, BENCH_ZENOH_SHARED_MEMORY="on" if shared_memory else "off")
        return subprocess.Popen([self.python, __file__, "node", *map(str, argv)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, env=env)

    def ours(self, description, messages=False):
        flags = ["-m"] if messages else ["-q"]
        return subprocess.Popen([self.launch, *flags, *description.split()], stdout=subprocess.PIPE, text=True)

    def throughput_ours(self, size, count):
        return children_cpu(self._throughput_ours, size, count)

    def _throughput_ours(self, size, count):
        key = self.key()
        sub = self.ours(f"zenoh_sub key={key} connect={self.endpoint} num-buffers={count} ! fakesink")
        self.wait_declared(key, sub)
        start = time.monotonic()
        pub = self.ours(f"fakesrc num-buffers={count} sizetype=fixed sizemax={size} filltype=zero"
                        f" ! zenoh_pub key={key} connect={self.endpoint} congestion=block")
        sub.communicate(timeout=300)
        end = time.monotonic()
        pub.communicate(timeout=60)
        if sub.returncode != 0 or pub.returncode != 0:
            sys.exit(f"parallax-launch failed: sub {sub.returncode}, pub {pub.returncode}")
        return end - start

    def throughput_python(self, size, count, shared_memory):
        return children_cpu(self._throughput_python, size, count, shared_memory)

    def _throughput_python(self, size, count, shared_memory):
        key = self.key()
        sub = self.node("sub", self.endpoint, key, count, "count", shared_memory=shared_memory)
        if sub.stdout.readline().strip() != "ready":
            sys.exit("the Python subscriber did not start")
        self.wait_declared(key, sub)
        pub = self.node("pub", self.endpoint, key, size, count, 0, shared_memory=shared_memory)
        start = float(pub.stdout.readline().split()[1])
        out, _ = sub.communicate(timeout=300)
        pub.communicate(timeout=60)
        if sub.returncode != 0 or pub.returncode != 0:
            sys.exit(f"Python node failed: sub {sub.returncode}, pub {pub.returncode}")
        return float(out.split()[1]) - start

    def latency_ours(self, count):
        key = self.key()
        sub = self.ours(f"zenoh_sub key={key} connect={self.endpoint} num-buffers={count} ! fakesink", messages=True)
        self.wait_declared(key, sub)
        pub = self.ours(f"videotestsrc is-live=true pattern=black num-buffers={count}"
                        " ! video/x-raw,format=GRAY8,width=4,height=4,framerate=100/1"
                        f" ! zenoh_pub key={key} connect={self.endpoint} congestion=block")
        out, _ = sub.communicate(timeout=120)
        pub.communicate(timeout=60)
        means = [int(line.split("mean-us=(int)")[1].split(",")[0]) for line in out.splitlines()
                 if "zenoh-sub-latency" in line]
        if not means:
            sys.exit("zenoh_sub posted no latency")
        return statistics.median(means)

    def latency_python(self, count, parallax_publisher=False):
        """(median of per-second means, per-sample median) in µs, seen by the Python subscriber."""
        key = self.key()
        sub = self.node("sub", self.endpoint, key, count, "latency")
        if sub.stdout.readline().strip() != "ready":
            sys.exit("the Python subscriber did not start")
        self.wait_declared(key, sub)
        if parallax_publisher:
            pub = self.ours(f"videotestsrc is-live=true pattern=black num-buffers={count}"
                            " ! video/x-raw,format=GRAY8,width=4,height=4,framerate=100/1"
                            f" ! zenoh_pub key={key} connect={self.endpoint} congestion=block")
        else:
            pub = self.node("pub", self.endpoint, key, 16, count, 0.01)
        out, _ = sub.communicate(timeout=120)
        pub.communicate(timeout=60)
        lines = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
        means = [int(m) for m in lines.get("window-means-us", "").split()]
        return (statistics.median(means) if means else float("nan")), float(lines["median-us"])


def children_cpu(run, *args):
    """(what run returns, CPU seconds its child processes used: user + system, the publisher's and subscriber's)."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run(*args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "node":
        node(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description="Zenoh throughput and latency: Parallax vs eclipse-zenoh (Python)")
    parser.add_argument("--quick", action="store_true", help="one run, fewer frames")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--launch", default=os.path.join(ROOT, ".build", "release", "parallax-launch"))
    parser.add_argument("--python", default=os.path.join(ROOT, ".venv-zenoh", "bin", "python"))
    args = parser.parse_args()
    try:
        import zenoh  # noqa: F401
    except ImportError:
        if not os.access(args.python, os.X_OK):
            sys.exit("no eclipse-zenoh: run scripts/install-deps.sh (makes .venv-zenoh) or pass --python")
        os.execv(args.python, [args.python, os.path.abspath(__file__), *sys.argv[1:]])
    python = sys.executable
    if not os.access(args.launch, os.X_OK):
        sys.exit(f"no release parallax-launch at {args.launch}: swift build -c release --product parallax-launch")
    runs = 1 if args.quick else args.runs
    frames = {1 << 20: 200 if args.quick else 1000, 8 << 20: 25 if args.quick else 125}
    messages = 300 if args.quick else 500
    print(f"parallax-launch: {args.launch}")
    print(f"python: {python} (eclipse-zenoh {zenoh_version()}); {runs} run(s), {os.cpu_count()} cores")

    bench = Bench(args.launch, python)
    try:
        print(f"router: {bench.endpoint}\n")
        print("Throughput (reliable, congestion control block)")
        for size, count in frames.items():
            times = {"parallax": [], "python-tcp": [], "python-shm": []}
            cpu = {tool: [] for tool in times}
            for _ in range(runs):
                for tool in times:
                    elapsed, used = (bench.throughput_ours(size, count) if tool == "parallax" else
                                     bench.throughput_python(size, count, shared_memory=tool == "python-shm"))
                    times[tool].append(elapsed)
                    cpu[tool].append(used)
            rates = {tool: count / statistics.median(t) for tool, t in times.items()}
            label = f"{size >> 20} MB x {count}"
            for tool, rate in rates.items():
                print(f"  {label:12} {tool:10} {rate:9.1f} frames/s  {rate * size / 1e9:6.2f} GB/s"
                      f"  (median of {runs}: {statistics.median(times[tool]):.3f} s;"
                      f" publisher + subscriber CPU {1000 * statistics.median(cpu[tool]) / count:.2f} ms/frame)")
            print(f"  {label:12} ratio Parallax/Python over TCP {rates['parallax'] / rates['python-tcp']:.2f}, "
                  f"Parallax/Python with shared memory {rates['parallax'] / rates['python-shm']:.2f}\n")

        print(f"Latency, 16-byte messages, 100/s, {messages} per run (one-way, wall clock)")
        ours, theirs, theirs_each, cross_each = [], [], [], []
        for _ in range(runs):
            ours.append(bench.latency_ours(messages))
            mean, each = bench.latency_python(messages)
            theirs.append(mean)
            theirs_each.append(each)
            cross_each.append(bench.latency_python(messages, parallax_publisher=True)[1])
        print(f"  parallax  zenoh_pub -> zenoh_sub   median of per-second means {statistics.median(ours):7.0f} µs")
        print(f"  python    pub -> sub               median of per-second means {statistics.median(theirs):7.0f} µs"
              f"   per-sample median {statistics.median(theirs_each):5.0f} µs")
        print(f"  parallax  zenoh_pub -> python sub                                       "
              f"   per-sample median {statistics.median(cross_each):5.0f} µs")
        print(f"  ratio of means Parallax/Python {statistics.median(ours) / statistics.median(theirs):.2f}"
              " (below 1: Parallax faster)")
    finally:
        bench.close()


def zenoh_version():
    import importlib.metadata
    return importlib.metadata.version("eclipse-zenoh")


if __name__ == "__main__":
    main()
