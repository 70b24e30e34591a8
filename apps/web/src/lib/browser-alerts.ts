// Opt-in browser notifications (the Notification API) for new messages while the tab is
// hidden: the choice is this browser's (localStorage), the permission the browser's own.
const KEY = 'rapport:message-alerts'

export function alertsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window
}

export function alertsOn(): boolean {
  return alertsSupported() && Notification.permission === 'granted' && localStorage.getItem(KEY) === 'on'
}

/** Asks the browser (it shows its own prompt) and remembers the choice; resolves whether alerts are on. */
export async function turnAlertsOn(): Promise<boolean> {
  if (!alertsSupported()) return false
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission()
  if (permission !== 'granted') return false
  localStorage.setItem(KEY, 'on')
  return true
}

export function turnAlertsOff(): void {
  if (alertsSupported()) localStorage.removeItem(KEY)
}

/** A new message arrived: tell the person if they opted in and are looking elsewhere. */
export function alertNewMessage(href: string): void {
  if (!alertsOn() || !document.hidden) return
  const n = new Notification('New message on Rapport', { body: 'Someone is waiting for your reply.', tag: href })
  n.onclick = () => {
    window.focus()
    location.assign(href)
    n.close()
  }
}
