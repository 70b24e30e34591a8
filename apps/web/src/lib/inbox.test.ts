import { describe, expect, it } from 'vitest'
import { filterFromQuery, filterQuery } from './inbox'

describe('filterFromQuery', () => {
  it('turns an inbox’s query string into a ConversationFilter', () => {
    const params = new URLSearchParams('status=awaiting_supplier&unread=1&assignee=me&label=Gift')
    expect(filterFromQuery(params, 'member-1')).toEqual({
      status: 'AWAITING_SUPPLIER',
      unread: true,
      assigneeId: 'member-1',
      label: 'gift',
    })
  })

  it('ignores values the gateway wouldn’t accept', () => {
    expect(filterFromQuery(new URLSearchParams('status=LOST&unread=yes'))).toEqual({})
    expect(filterFromQuery(new URLSearchParams('assignee=none'))).toEqual({ unassigned: true })
    expect(filterFromQuery(new URLSearchParams('assignee=me'), null)).toEqual({})
  })
})

describe('filterQuery', () => {
  it('keeps the filters and drops the page cursor', () => {
    expect(filterQuery(new URLSearchParams('after=abc&status=RESOLVED&x=1'))).toEqual({ status: 'RESOLVED' })
  })
})
