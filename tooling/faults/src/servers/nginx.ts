// A real load balancer on loopback: nginx (Debian's package), in front of the gateways (HTTP and
// WebSockets at /graphql) and the web processes (everything else), as docs/balancer.md and
// compose.yaml run it. Its own prefix folder, its own port, stopped with the run.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '@rapport/scripts/processes'
import { sleep, Tail } from '../util.ts'

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx'

/** The balancer's configuration: round robin; a gateway that refuses is skipped for 2 s. */
export function nginxConfig(o: { dir: string; port: number; gateways: number[]; webs: number[]; root: boolean }): string {
  const servers = (ports: number[]) => ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')
  return `${o.root ? 'user root;\n' : ''}worker_processes 1;
pid ${o.dir}/nginx.pid;
error_log ${o.dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${o.dir}/body;
  proxy_temp_path ${o.dir}/proxy;
  fastcgi_temp_path ${o.dir}/fastcgi;
  uwsgi_temp_path ${o.dir}/uwsgi;
  scgi_temp_path ${o.dir}/scgi;
  client_max_body_size 11m;
  # WebSockets: pass the upgrade on, keep the socket open as long as the client does.
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream gateways {
${servers(o.gateways)}
  }
  upstream webs {
${servers(o.webs)}
  }
  server {
    listen 127.0.0.1:${o.port};
    proxy_http_version 1.1;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    # The balancer's own readiness, without touching an upstream.
    location = /balancer-ready { return 200 'ok'; }
    location = /graphql {
      proxy_pass http://gateways;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
      # Sends carry a clientMessageId (a retry is answered with the stored message), so a POST
      # may go to the other gateway when the first refuses.
      proxy_next_upstream error timeout non_idempotent;
    }
    location / {
      proxy_pass http://webs;
      proxy_set_header Connection '';
    }
  }
}
`
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
