/** DATABASE_URL is present but cannot be understood. The message is one line, safe to print. */
export class DatabaseConfigError extends Error {
  readonly code = 'DATABASE_CONFIG'
  override name = 'DatabaseConfigError'
}

/** The database could not be opened or reached. The message is one line, safe to print. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE'
  override name = 'DatabaseUnavailableError'
}
