// One gateway process the suite owns: started on a port it keeps across restarts (clients
// reconnect to the same URL), stopped politely (SIGTERM) or killed (SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process'
import { freePort, gatewayArgs, repoRoot } from '@rapport/scripts/processes'
import { sleep, Tail } from '../util.ts'

export class GatewayProcess {
  private child: ChildProcess | null = null
  readonly output = new Tail(60)

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async start(name: string, env: Record<string, string>): Promise<GatewayProcess> {
    const gateway = new GatewayProcess(name, await freePort(), env)
    await gateway.start()
    return gateway
  }

  get url() {
    return `http://127.0.0.1:${this.port}/graphql`
  }
  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/graphql`
  }
  get running() {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const env = {
      ...process.env,
      ...this.env,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    }
    const child = spawn(process.execPath, gatewayArgs(), { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout!.on('data', (d: Buffer) => this.output.push(d.toString()))
    child.stderr!.on('data', (d: Buffer) => this.output.push(d.toString()))
    this.child = child
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited (${child.exitCode}): ${this.output.text()}`)
      if (await this.ready()) return
      await sleep(100)
    }
    throw new Error(`${this.name} not ready within ${timeoutMs / 1000} s: ${this.output.text()}`)
  }

  async ready(): Promise<boolean> {
    try {
      return (await fetch(`http://127.0.0.1:${this.port}/readyz`, { signal: AbortSignal.timeout(2000) })).ok
    } catch {
      return false
    }
  }

  /** Sends `signal` and waits for the exit; SIGTERM falls back to SIGKILL after 15 s. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }

  async restart(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    await this.stop(signal)
    await this.start()
  }
}
