// A real load balancer on loopback: nginx (Debian's package) with the shipped configuration
// (tooling/deploy/nginx.conf, which compose.yaml runs), in front of the gateways (HTTP and
// WebSockets at /graphql) and the web processes (everything else). Its own prefix folder, its
// own port, stopped with the run.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort, repoRoot } from '@rapport/scripts/processes'
import { sleep, Tail } from '../util.ts'

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx'

/** The shipped balancer configuration (compose.yaml mounts it). */
export const DEPLOY_NGINX_CONF = path.join(repoRoot, 'tooling/deploy/nginx.conf')

/**
 * The shipped configuration, moved onto loopback: its own port, these upstream ports, its files
 * in `dir`. Everything else — WebSocket upgrades, timeouts, retries — is the shipped file's.
 */
export function nginxConfig(o: { dir: string; port: number; gateways: number[]; webs: number[]; root: boolean }): string {
  const servers = (ports: number[]) => ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')
  const shipped = readFileSync(DEPLOY_NGINX_CONF, 'utf8')
  const replaced = shipped
    .replace(/upstream gateways \{[^}]*\}/, `upstream gateways {\n${servers(o.gateways)}\n  }`)
    .replace(/upstream webs \{[^}]*\}/, `upstream webs {\n${servers(o.webs)}\n  }`)
    .replace(/listen 80;/, `listen 127.0.0.1:${o.port};`)
    .replace(/worker_processes auto;/, 'worker_processes 1;')
    .replace(/http \{/, `http {\n  client_body_temp_path ${o.dir}/body;\n  proxy_temp_path ${o.dir}/proxy;\n  fastcgi_temp_path ${o.dir}/fastcgi;\n  uwsgi_temp_path ${o.dir}/uwsgi;\n  scgi_temp_path ${o.dir}/scgi;`)
  if (replaced.includes('gateway-1:') || !replaced.includes(`listen 127.0.0.1:${o.port};`)) throw new Error(`${DEPLOY_NGINX_CONF} no longer has the shape this suite rewrites`)
  return `${o.root ? 'user root;\n' : ''}pid ${o.dir}/nginx.pid;\nerror_log ${o.dir}/error.log warn;\n${replaced}`
}

export class NginxBalancer {
  readonly output = new Tail(40)
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly child: ChildProcess,
  ) {}

  static available(): boolean {
    return existsSync(NGINX)
  }

  static async start(upstreams: { port?: number; gateways: number[]; webs: number[] }): Promise<NginxBalancer> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-nginx-'))
    for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, d))
    const port = upstreams.port ?? (await freePort())
    const root = process.getuid?.() === 0
    writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig({ dir, port, gateways: upstreams.gateways, webs: upstreams.webs, root }))
    const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const balancer = new NginxBalancer(port, dir, child)
    child.stdout!.on('data', (d: Buffer) => balancer.output.push(d.toString()))
    child.stderr!.on('data', (d: Buffer) => balancer.output.push(d.toString()))
    const deadline = Date.now() + 10_000
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${balancer.output.text()}`)
      try {
        if ((await fetch(`http://127.0.0.1:${port}/balancer-ready`, { signal: AbortSignal.timeout(1000) })).ok) return balancer
      } catch {
        await sleep(100)
      }
    }
    await balancer.stop()
    throw new Error(`nginx did not listen on ${port}: ${balancer.output.text()}`)
  }

  get url() {
    return `http://127.0.0.1:${this.port}`
  }

  /** The end of nginx's error log, for a failing run to print. */
  errors(): string {
    try {
      return readFileSync(path.join(this.dir, 'error.log'), 'utf8').split('\n').slice(-15).join('\n')
    } catch {
      return ''
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve))
      this.child.kill('SIGQUIT') // graceful: finishes open requests
      await Promise.race([exited, sleep(5000)])
      if (this.child.exitCode === null) this.child.kill('SIGKILL')
    }
    rmSync(this.dir, { recursive: true, force: true })
  }
}
