/**
 * A search typed by a person, for Prisma's `contains` (SQL LIKE): its wildcards `%` and `_`, and
 * the escape character itself, are characters like any other (Prisma passes them through).
 */
export const literalLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)
