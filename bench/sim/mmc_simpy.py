"""M/M/c in SimPy, the same model as packages/sim/src/engine/test-support/mmc.ts.

Poisson arrivals (rate LAMBDA), exponential service (rate MU), C servers sharing one FIFO queue;
the run ends when the last of CUSTOMERS has left. Like the Faultline model it records every
customer's response time (here as a running sum, which is less work than a histogram).

Runs with Debian's SimPy 3 (python3-simpy3, `import simpy`) and, if given `--simpy2`, with
Debian's python3-simpy (SimPy 2.3, `import SimPy`). Prints one JSON line.

Usage: python3 bench/sim/mmc_simpy.py [customers] [seed] [--simpy2]
"""

import json
import random
import sys
import time

C, LAMBDA, MU = 10, 9.0, 1.0


def run_simpy3(customers, seed):
    import simpy

    rng = random.Random(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=C)
    totals = {"done": 0, "response": 0.0}

    def customer():
        arrived = env.now
        with servers.request() as request:
            yield request
            yield env.timeout(rng.expovariate(MU))
        totals["done"] += 1
        totals["response"] += env.now - arrived

    def source():
        for _ in range(customers):
            env.process(customer())
            yield env.timeout(rng.expovariate(LAMBDA))

    env.process(source())
    started = time.perf_counter()
    env.run()
    return time.perf_counter() - started, totals, simpy.__version__


def run_simpy2(customers, seed):
    import SimPy
    from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate

    rng = random.Random(seed)
    totals = {"done": 0, "response": 0.0}
    initialize()
    servers = Resource(capacity=C)

    class Customer(Process):
        def visit(self):
            arrived = now()
            yield request, self, servers
            yield hold, self, rng.expovariate(MU)
            yield release, self, servers
            totals["done"] += 1
            totals["response"] += now() - arrived

    class Source(Process):
        def generate(self):
            for _ in range(customers):
                c = Customer()
                activate(c, c.visit())
                yield hold, self, rng.expovariate(LAMBDA)

    source = Source()
    activate(source, source.generate())
    started = time.perf_counter()
    simulate(until=float("inf"))
    return time.perf_counter() - started, totals, SimPy.__version__


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    customers = int(args[0]) if args else 200_000
    seed = int(args[1]) if len(args) > 1 else 42
    simpy2 = "--simpy2" in sys.argv
    wall, totals, version = (run_simpy2 if simpy2 else run_simpy3)(customers, seed)
    print(
        json.dumps(
            {
                "simpy": version,
                "python": sys.version.split()[0],
                "customers": totals["done"],
                "wallSeconds": wall,
                "customersPerSecond": totals["done"] / wall,
                "meanResponse": totals["response"] / totals["done"],
            }
        )
    )


if __name__ == "__main__":
    main()
