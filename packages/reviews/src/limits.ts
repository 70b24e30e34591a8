// The review rules' numbers, in one place: the gateway describes them in its schema and the web
// app reads them from there.
export const REVIEW_LIMITS = {
  title: 120,
  body: 5000,
  /** A supplier's public response. */
  response: 3000,
  /** A public question on a product. */
  question: 1000,
  /** An answer to one (the supplier's or anyone's). */
  answer: 2000,
  /** Days after delivery during which an order may be reviewed. */
  windowDays: 90,
} as const
