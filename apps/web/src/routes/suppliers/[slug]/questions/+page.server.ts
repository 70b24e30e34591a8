import { error } from '@sveltejs/kit'
import { TEAM_QUESTIONS, type TeamQuestionsData } from '$lib/graphql/questions'
import { gatewayWsUrl } from '$lib/server/env'
import { getLimits } from '$lib/server/limits'
import { answerAction } from '$lib/server/qa-actions'
import { requireMembership, teamPageQuery } from '$lib/server/team'
import type { Actions, PageServerLoad } from './$types'

const PAGE_SIZE = 20

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
  depends('app:questions')
  requireMembership(locals.viewer, url, params.slug, 'page')
  // Unanswered first: that is the team's work; "all" shows what was answered too.
  const show = url.searchParams.get('show') === 'all' ? 'all' : 'unanswered'
  const after = url.searchParams.get('after')
  const data = await teamPageQuery<TeamQuestionsData>(
    TEAM_QUESTIONS,
    { slug: params.slug, first: PAGE_SIZE, after, unanswered: show === 'unanswered' },
    'your questions',
  )
  if (!data.supplier) error(404, 'We couldn’t find that page.')
  const { questions, ...supplier } = data.supplier
  return {
    supplier,
    questions: questions.edges.map((e) => e.node),
    next: questions.pageInfo.hasNextPage ? questions.pageInfo.endCursor : null,
    firstPage: !after,
    show,
    wsUrl: gatewayWsUrl(url).href,
    limits: await getLimits(),
  }
}

export const actions: Actions = {
  // The answer is the supplier's (the gateway knows the viewer is on the team), then back here.
  answer: async (event) => {
    requireMembership(event.locals.viewer, event.url, event.params.slug, 'page')
    return answerAction(event)
  },
}
