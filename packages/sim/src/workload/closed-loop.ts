import { sampler, type ClosedWorkload } from '../model/index.js';
import type { Request, RequestSender } from '../world/request.js';
import type { ServiceNode } from '../world/service.js';
import type { World } from '../world/world.js';

/** One user of a closed loop: at most one request in flight. */
class User implements RequestSender {
  constructor(readonly loop: ClosedLoop) {}

  /** The answer came (ok or failed): the user thinks, then sends the next request. */
  onResponse(_request: Request): void {
    this.loop.thinkThenSend(this);
  }
}

/**
 * A closed-loop workload: `users` users, each sending a request, waiting for its answer (success
 * or failure), thinking for a draw of `thinkTime`, and sending the next. Each user starts by
 * thinking, so users with a random think time do not all send at the first instant.
 */
export class ClosedLoop {
  private readonly users: User[] = [];
  private readonly think: () => number;
  private readonly target: ServiceNode;

  constructor(
    private readonly world: World,
    workload: ClosedWorkload,
    index: number,
  ) {
    this.think = sampler(workload.thinkTime, world.simulation.stream(`workload:${index}`));
    this.target = world.service(workload.target);
    for (let i = 0; i < workload.users; i++) this.users.push(new User(this));
  }

  /** Every user starts thinking. */
  start(): void {
    for (const user of this.users) this.thinkThenSend(user);
  }

  /** Schedules the user's next request after a think time. */
  thinkThenSend(user: User): void {
    this.world.simulation.schedule(this.think(), send, user);
  }

  /** The user sends a request now. */
  send(user: User): void {
    const request = this.world.requests.take();
    request.reset(this.target);
    request.sender = user;
    this.target.receive(request);
  }
}

function send(user: User): void {
  user.loop.send(user);
}
