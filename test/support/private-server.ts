import { ChildProcess, spawn } from 'node:child_process';

/**
 * A server process of a test's own, and the faults a test may cause it: a clean stop, a crash (SIGKILL), a freeze
 * (SIGSTOP) and a thaw. Never pointed at the machine's shared services.
 */
export abstract class PrivateServer {
  private server?: ChildProcess;
  private frozen = false;

  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  /** A crash: the server dies at once, with whatever it had not written yet. */
  async kill(): Promise<void> {
    await this.end('SIGKILL');
  }

  /** A frozen server (SIGSTOP): connections stay open and accepted, but nothing is answered until thaw(). */
  freeze(): void {
    this.live()?.kill('SIGSTOP');
    this.frozen = true;
  }

  thaw(): void {
    this.live()?.kill('SIGCONT');
    this.frozen = false;
  }

  /** Kills the server at once, synchronously (for a process 'exit' handler). */
  killNow(): void {
    this.live()?.kill('SIGKILL');
  }

  protected launch(command: string, args: string[]): void {
    this.server = spawn(command, args, { stdio: 'ignore' });
    this.frozen = false;
  }

  private live(): ChildProcess | undefined {
    const server = this.server;
    return server && server.exitCode === null && server.signalCode === null ? server : undefined;
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const server = this.live();
    if (!server) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill(signal);
    // A stopped process holds every signal but SIGKILL until it is continued.
    if (this.frozen) this.thaw();
    await exited;
  }
}
