/** Every IANA zone this runtime knows, grouped by region for a <select> with <optgroup>s. */
export function timeZoneGroups(): Array<{ region: string; zones: string[] }> {
  let zones: string[]
  try {
    zones = Intl.supportedValuesOf('timeZone')
  } catch {
    zones = []
  }
  const groups = new Map<string, string[]>()
  for (const zone of zones) {
    const region = zone.includes('/') ? zone.slice(0, zone.indexOf('/')) : 'Other'
    const list = groups.get(region) ?? []
    list.push(zone)
    groups.set(region, list)
  }
  const result = [...groups.entries()].map(([region, list]) => ({ region, zones: list.sort() }))
  result.sort((a, b) => a.region.localeCompare(b.region))
  result.push({ region: 'Universal', zones: ['UTC'] })
  return result
}
