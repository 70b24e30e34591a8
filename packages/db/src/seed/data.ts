// Rapport's demo marketplace, as plain data: no database access and no clock here.
// build.ts turns it into rows relative to a "now" it is given, and checks it for consistency
// (orders before their conversations, replies from members of the right supplier, …).
//
// Conventions used throughout:
//  * People are referred to by a short key: buyers by first name ("maya"), supplier members by
//    the local part of their email ("ana" for ana@olive-oak.example). The two sets never overlap.
//  * Products are referred to by slug; slugs are unique across the whole marketplace here.
//  * Times are durations: `placed: '12d4h'` means 12 days 4 hours before now; a message's
//    `after` is the time since the previous message in its conversation.
//  * Prices are in the currency's minor unit (ISO 4217): cents for EUR/USD, centavos for MXN,
//    cents for ZAR, and whole yen for JPY, which has no minor unit.
import type { ConversationStatus, MemberRole, OrderStatus } from '../generated/prisma/client.ts'

/** "3d4h30m": days, hours and minutes, each optional, in that order. */
export type Duration = string

export type ServiceHoursSeed = { weekday: number; opensAt: number; closesAt: number }
/** A closure on a fixed day of the year ("12-25"), or a number of days from now (planned time off). */
export type ClosureSeed = { on: string; reason: string } | { inDays: number; reason: string }
export type MemberSeed = { name: string; email: string; role: MemberRole }
export type ProductSeed = { slug: string; name: string; price: number; description: string }

export type SupplierSeed = {
  slug: string
  name: string
  tagline: string
  philosophy: string
  about: string
  location: string
  timeZone: string
  responseTargetSeconds: number
  /** When set, the supplier is away: awayEnabled with this as the auto-reply. */
  away?: string
  currency: string
  /** Typical days from order to doorstep; sets expectedDeliveryDate. */
  shippingDays: number
  hours: ServiceHoursSeed[]
  closures: ClosureSeed[]
  /** The first member is the owner. */
  team: MemberSeed[]
  products: ProductSeed[]
}

export type BuyerSeed = {
  key: string
  name: string
  email: string
  location: string
  timeZone: string
  /** What suppliers see, when it differs from the name. */
  displayName?: string
}

export type StaffSeed = { name: string; email: string; role: 'MODERATOR' | 'ADMIN' }

export type OrderSeed = {
  number: string
  buyer: string
  supplier: string
  placed: Duration
  status: OrderStatus
  items: [product: string, quantity: number][]
  /** Delivered orders: time from placing to delivery (default: one day under shippingDays). */
  deliveredAfter?: Duration
  /** Cancelled orders: time from placing to cancelling (default 6h). */
  cancelledAfter?: Duration
}

/** `by` is 'buyer', a member key of the conversation's supplier, or 'auto' (the away message). */
export type MessageSeed = readonly [by: string, after: Duration, body?: string]

export type ConversationSeed = {
  buyer: string
  supplier: string
  /** Pre-purchase conversations are about a product… */
  product?: string
  /** …post-purchase ones about an order. */
  order?: string
  subject: string
  status: ConversationStatus
  started: Duration
  assignee?: string
  labels?: string[]
  /** That side has not read the latest messages of the other side. */
  unreadBy?: 'buyer' | 'supplier'
  /** RESOLVED: time from the last message to resolution (default 30m). */
  resolvedAfter?: Duration
  /** RESOLVED: the buyer pressed "this answered my question", this long after resolution. */
  buyerConfirmedAfter?: Duration
  messages: MessageSeed[]
}

export type ReviewSeed = {
  order: string
  rating: number
  title: string
  body: string
  /** Time from delivery to review. */
  after: Duration
  /** The supplier's public reply: a member key and the time since the review. */
  response?: { by: string; after: Duration; body: string }
  /** Buyer keys of the people who found it helpful. */
  helpful?: string[]
}

export type QuestionSeed = {
  product: string
  asker: string
  asked: Duration
  body: string
  /** `by` is a member of the product's supplier (official answer) or a buyer key. */
  answers?: { by: string; after: Duration; body: string }[]
}

/**
 * A report, as anyone signed in makes one, and optionally the moderator's decision about the
 * thing reported (which closes every report on it). Kept few and plausible: /moderation and the
 * team's Flagged page have something to show after `npm start`.
 */
export type ReportSeed = {
  /** A review (its order's number), or a question or answer (the start of its text). */
  target: { review: string } | { question: string } | { answer: string }
  /** A buyer key, or `supplier-slug/member-key` for a member of a team. */
  by: string
  reason: 'SPAM' | 'ABUSE' | 'OFF_PLATFORM_CONTACT' | 'FAKE_REVIEW' | 'PRIVACY' | 'OTHER'
  details?: string
  reported: Duration
  /** `by` is a staff email's local part; `after` is the time since the report. */
  decision?: { by: string; after: Duration; action: 'KEEP' | 'HIDE' | 'REMOVE'; reason: string }
}

export type SupplierUpdateSeed = { supplier: string; by: string; published: Duration; title: string; body: string }
export type SavedReplySeed = { supplier: string; title: string; shortcut: string; body: string }

// ───────────────────────────────────────────────────────────── helpers for the tables below

const time = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/** One row per weekday and interval: `week([1, 2, 3], '09:00-13:00', '14:30-18:00')` is a split shift. */
function week(weekdays: number[], ...intervals: string[]): ServiceHoursSeed[] {
  return weekdays.flatMap((weekday) =>
    intervals.map((interval) => {
      const [opens = '', closes = ''] = interval.split('-')
      return { weekday, opensAt: time(opens), closesAt: time(closes) }
    }),
  )
}

const MON_FRI = [1, 2, 3, 4, 5]
const SAT = [6]

// ───────────────────────────────────────────────────────────── suppliers

export const SUPPLIERS: SupplierSeed[] = [
  {
    slug: 'olive-oak',
    name: 'Olive & Oak',
    tagline: 'Single-estate olive oil from a fourth-generation Alentejo farm',
    philosophy:
      'We press within six hours of picking, because an olive starts losing its pepper the moment it leaves the branch. ' +
      'Our great-grandfather planted half of these trees and we farm them the way he did: no irrigation, sheep grazing under the canopy, harvest by hand. ' +
      'We would rather sell out early than blend in someone else’s oil.',
    about:
      'Olive & Oak is the Carvalho family’s forty-hectare grove outside Serpa. We grow Galega, Cobrançosa and Cordovil olives, ' +
      'press them at the cooperative mill down the road and bottle everything on the farm. Harvest runs from late October to early December.',
    location: 'Serpa, Alentejo, Portugal',
    timeZone: 'Europe/Lisbon',
    responseTargetSeconds: 4 * 3600,
    currency: 'EUR',
    shippingDays: 5,
    // A long Alentejo lunch, and Saturday mornings for the market crowd.
    hours: [...week(MON_FRI, '09:00-13:00', '14:30-18:00'), ...week(SAT, '10:00-13:00')],
    closures: [
      { on: '06-10', reason: 'Dia de Portugal' },
      { on: '12-25', reason: 'Natal' },
    ],
    team: [
      { name: 'Ana Carvalho', email: 'ana@olive-oak.example', role: 'OWNER' },
      { name: 'Tiago Carvalho', email: 'tiago@olive-oak.example', role: 'AGENT' },
      { name: 'Inês Moreira', email: 'ines@olive-oak.example', role: 'AGENT' },
    ],
    // prettier-ignore
    products: [
      { slug: 'galega-early-harvest-500', name: 'Galega Early Harvest, 500 ml', price: 2450, description: 'Picked green in the first week of the harvest. Grassy, bitter and properly peppery: the oil we pour over everything raw.' },
      { slug: 'cobrancosa-reserve-750', name: 'Cobrançosa Reserve, 750 ml', price: 2890, description: 'A rounder, almond-skinned oil from our oldest trees. Good for finishing fish, and for people who find early harvest too fierce.' },
      { slug: 'everyday-tin-3l', name: 'Everyday Oil, 3 L tin', price: 5400, description: 'The late-harvest blend we cook with ourselves. Milder and fruity, in a tin that keeps the light out; decant into a smaller bottle as you go.' },
      { slug: 'oak-smoked-oil-250', name: 'Oak-Smoked Oil, 250 ml', price: 1650, description: 'Cobrançosa cold-smoked over cork-oak offcuts from the farm. A few drops on potatoes or grilled sardines is plenty.' },
      { slug: 'galega-olives-450', name: 'Galega Olives in Brine, 450 g', price: 890, description: 'Cracked by hand and cured with oregano, garlic and orange peel, the way Avó Rosa did them.' },
      { slug: 'harvest-gift-box', name: 'Harvest Gift Box', price: 6200, description: 'Early Harvest 500 ml, Reserve 750 ml, a jar of olives and a wooden drizzler, packed in a box of recycled cork board.' },
      { slug: 'olive-wood-board', name: 'Olive-Wood Serving Board', price: 3800, description: 'Cut from trees we lost to drought, so every board has its own shape. Oil it once a month and it will outlast you.' },
    ],
  },
  {
    slug: 'tsuchi-studio',
    name: 'Tsuchi Studio',
    tagline: 'Wheel-thrown stoneware from a small kiln in Kyoto’s Gojōzaka',
    philosophy:
      'A cup is finished by the person who uses it. We throw plain forms and let the glaze and the wood ash do the rest, so no two pieces match. ' +
      'If something of ours chips, send it back: we would rather mend it with kintsugi than have you throw it away.',
    about:
      'Tsuchi Studio is Emi Nakagawa and two apprentices in a 1930s machiya on Gojōzaka, the old pottery slope below Kiyomizu-dera. ' +
      'We fire a shared climbing kiln four times a year, so some glazes come and go with the seasons. Every piece ships in recycled paper and a paulownia box.',
    location: 'Kyoto, Japan',
    timeZone: 'Asia/Tokyo',
    responseTargetSeconds: 24 * 3600,
    currency: 'JPY',
    shippingDays: 10,
    // Tuesday to Saturday, like most shops on the slope.
    hours: week([2, 3, 4, 5, 6], '10:00-17:00'),
    closures: [
      { on: '01-01', reason: 'Shōgatsu (New Year)' },
      { inDays: 12, reason: 'Kiln firing: the whole studio is stoking' },
      { inDays: 13, reason: 'Kiln firing: the whole studio is stoking' },
      { inDays: 14, reason: 'Kiln firing: the whole studio is stoking' },
    ],
    team: [
      { name: 'Emi Nakagawa', email: 'emi@tsuchi-studio.example', role: 'OWNER' },
      { name: 'Kenji Ota', email: 'kenji@tsuchi-studio.example', role: 'AGENT' },
    ],
    // prettier-ignore
    products: [
      { slug: 'yunomi-ash-glaze', name: 'Yunomi Teacup, Ash Glaze', price: 4800, description: 'A tall handleless cup for sencha and hōjicha. The wood-ash glaze pools green where it runs thick. About 220 ml.' },
      { slug: 'matcha-bowl-shino', name: 'Matcha Bowl, Shino', price: 16500, description: 'A wide chawan in milky Shino glaze, with an orange blush wherever the flame touched it. Sized for a full 100-prong whisk.' },
      { slug: 'rice-bowl-pair', name: 'Rice Bowl Pair, Kuro & Shiro', price: 7600, description: 'Two everyday rice bowls, one matte black and one white. They nest, and they are fine in the dishwasher.' },
      { slug: 'soy-dish-set', name: 'Soy Dish Set of Five', price: 5500, description: 'Small plates for soy sauce, pickles or a single wagashi, each in a different glaze from the same firing.' },
      { slug: 'kyusu-teapot', name: 'Side-Handle Kyusu Teapot', price: 22000, description: 'A 350 ml side-handle teapot with a clay strainer built in. Unglazed inside, so it seasons with every pot you brew.' },
      { slug: 'kintsugi-repair', name: 'Kintsugi Repair Service', price: 9000, description: 'Send us a broken piece, ours or anyone’s, and we mend it with urushi lacquer and gold. Four to six weeks.' },
      { slug: 'tokkuri-sake-set', name: 'Tokkuri & Guinomi Sake Set', price: 12800, description: 'A sake flask and two cups in a speckled iron glaze. Warm the flask in a pan of hot water, never in the microwave.' },
    ],
  },
  {
    slug: 'sugarhouse-hollow',
    name: 'Sugarhouse Hollow',
    tagline: 'Wood-fired maple syrup and hand-turned woodenware from northern Vermont',
    philosophy:
      'We boil over wood we cut ourselves, from the same forest that gives us the sap, and we only tap trees wider than a dinner plate. ' +
      'The spoons and bowls come from storm-fallen maple and cherry; nothing is felled for the shop. ' +
      'Slow work, honest grades, and we’ll tell you straight if a batch isn’t up to standard.',
    about:
      'Ben and Maggie run 1,800 taps on a hillside in Craftsbury, plus a wood shop in the old dairy barn. Sugaring is six frantic weeks in early spring; ' +
      'the rest of the year we turn bowls, carve spoons and answer your messages from a bench covered in shavings.',
    location: 'Craftsbury, Vermont, USA',
    timeZone: 'America/New_York',
    responseTargetSeconds: 8 * 3600,
    currency: 'USD',
    shippingDays: 4,
    hours: week(MON_FRI, '08:00-16:30'),
    closures: [
      { on: '07-04', reason: 'Independence Day' },
      { on: '12-25', reason: 'Christmas Day' },
    ],
    team: [
      { name: 'Ben Whitcomb', email: 'ben@sugarhouse-hollow.example', role: 'OWNER' },
      { name: 'Maggie Lund', email: 'maggie@sugarhouse-hollow.example', role: 'AGENT' },
      { name: 'Cal Dorsey', email: 'cal@sugarhouse-hollow.example', role: 'AGENT' },
    ],
    // prettier-ignore
    products: [
      { slug: 'maple-syrup-amber-rich', name: 'Maple Syrup, Amber Rich (quart)', price: 2600, description: 'Mid-season syrup that tastes of caramel and vanilla bean. The pancake one. 32 fl oz in a glass jug.' },
      { slug: 'maple-syrup-very-dark', name: 'Maple Syrup, Very Dark Strong (pint)', price: 1600, description: 'Late-season syrup, almost molasses-like. Bake with it, glaze a ham with it, or stir it into your coffee.' },
      { slug: 'maple-cream-8oz', name: 'Maple Cream, 8 oz', price: 1400, description: 'Syrup boiled, cooled and stirred until it turns spreadable. Nothing else in it. Keep it in the fridge.' },
      { slug: 'cherry-serving-spoon', name: 'Cherry Serving Spoon', price: 4800, description: 'Carved from a storm-fallen black cherry and finished with walnut oil and beeswax. About 12 inches long.' },
      { slug: 'turned-maple-bowl', name: 'Turned Maple Salad Bowl, 11"', price: 14500, description: 'Hand-turned from one piece of spalted sugar maple; the dark lines are the tree’s own. Hand wash only.' },
      { slug: 'bourbon-barrel-syrup', name: 'Bourbon Barrel-Aged Syrup, 375 ml', price: 3200, description: 'Amber Rich rested three months in a Vermont bourbon barrel. No alcohol to speak of, but you will smell it.' },
      { slug: 'sugarhouse-sampler', name: 'Sugarhouse Sampler', price: 5400, description: 'Three half-pints (Golden Delicate, Amber Rich, Very Dark), a jar of maple cream and a hand-carved tasting spoon.' },
    ],
  },
  {
    slug: 'khaya-loom',
    name: 'Khaya Loom Co-op',
    tagline: 'Handwoven cotton and mohair from a women-owned co-operative in Woodstock, Cape Town',
    philosophy:
      'Every weaver here owns a share of the co-op and sets her own hours, so we never promise speed we would have to squeeze out of someone. ' +
      'We weave Karoo mohair and South African cotton, and dye with indigo, rooibos and pomegranate rind. ' +
      'When you buy a throw, the name on the tag is the woman who made it.',
    about:
      'Khaya Loom started in 2014 with four floor looms in a church hall in Khayelitsha and now fills a workshop in Woodstock with eighteen weavers. ' +
      'We teach weaving to young women every Saturday morning, which is why we answer messages then too. Larger pieces are made to order and take three to five weeks.',
    location: 'Woodstock, Cape Town, South Africa',
    timeZone: 'Africa/Johannesburg',
    responseTargetSeconds: 8 * 3600,
    currency: 'ZAR',
    shippingDays: 12,
    hours: [...week(MON_FRI, '08:30-17:00'), ...week(SAT, '09:00-12:00')],
    closures: [
      { on: '04-27', reason: 'Freedom Day' },
      { on: '09-24', reason: 'Heritage Day' },
    ],
    team: [
      { name: 'Nomsa Dlamini', email: 'nomsa@khaya-loom.example', role: 'OWNER' },
      { name: 'Thandi Mokoena', email: 'thandi@khaya-loom.example', role: 'AGENT' },
      { name: 'Pieter van Wyk', email: 'pieter@khaya-loom.example', role: 'AGENT' },
    ],
    // prettier-ignore
    products: [
      { slug: 'mohair-throw-indigo', name: 'Mohair Throw, Indigo Stripe', price: 245000, description: 'A 130 × 180 cm throw in Karoo kid mohair, striped in three depths of indigo. Light enough for summer evenings.' },
      { slug: 'rooibos-table-runner', name: 'Rooibos-Dyed Table Runner', price: 68000, description: 'Handwoven cotton dyed with rooibos tea, a warm red-brown that softens with every wash. 40 × 200 cm.' },
      { slug: 'waffle-towel-set', name: 'Waffle Kitchen Towels, Set of Three', price: 39500, description: 'Heavy waffle-weave cotton in natural, charcoal and pomegranate yellow. They only get better after a year of use.' },
      { slug: 'geometric-cushion-cover', name: 'Geometric Cushion Cover, 50 cm', price: 52000, description: 'Zanele’s diamond pattern in unbleached cotton and black mohair. Cover only, with a zip closure.' },
      { slug: 'undyed-baby-blanket', name: 'Baby Blanket, Undyed Cotton', price: 85000, description: 'Soft, undyed and unbleached, with a blanket-stitch edge. Washes at 40 °C. Each one is signed by its weaver.' },
      { slug: 'commissioned-wall-hanging', name: 'Commissioned Wall Hanging', price: 480000, description: 'A piece designed with you and woven to your size and colours. We start with a conversation and two sketches; allow five weeks.' },
    ],
  },
  {
    slug: 'kreislauf-kaffee',
    name: 'Kreislauf Kaffee',
    tagline: 'Zero-waste specialty coffee, roasted in Neukölln and shipped in returnable tins',
    philosophy:
      'Coffee travels halfway around the world to reach us, so the least we can do is not waste the last kilometre. ' +
      'Every bag is a steel tin you send back, our chaff feeds a community garden, and we pay farmers at least twice the Fairtrade minimum, with the receipts published. ' +
      'We roast light, because we want you to taste the farm, not the roaster.',
    about:
      'Jonas started roasting on a 5 kg drum roaster in a Neukölln courtyard in 2019. We buy directly from eleven farms in Ethiopia, Colombia, Peru and Sumatra ' +
      'and roast every Tuesday and Thursday. Returned tins are washed, checked and refilled; a tin makes about forty round trips.',
    location: 'Neukölln, Berlin, Germany',
    timeZone: 'Europe/Berlin',
    responseTargetSeconds: 4 * 3600,
    currency: 'EUR',
    shippingDays: 3,
    hours: week(MON_FRI, '09:00-17:00'),
    closures: [
      { on: '10-03', reason: 'Tag der Deutschen Einheit' },
      { on: '12-24', reason: 'Heiligabend' },
    ],
    team: [
      { name: 'Jonas Becker', email: 'jonas@kreislauf-kaffee.example', role: 'OWNER' },
      { name: 'Leyla Aydın', email: 'leyla@kreislauf-kaffee.example', role: 'AGENT' },
    ],
    // prettier-ignore
    products: [
      { slug: 'guji-natural-250', name: 'Guji Natural, 250 g', price: 1450, description: 'Sun-dried in Hambela, Ethiopia. Blueberry, dark chocolate and a winey finish; at its best as filter.' },
      { slug: 'huila-washed-250', name: 'Huila Washed, 250 g', price: 1290, description: 'From the Ñañez family farm in Colombia. Red apple, panela and a clean, sweet cup. Works as espresso too.' },
      { slug: 'hausmischung-espresso-1kg', name: 'Hausmischung Espresso, 1 kg', price: 3600, description: 'Our everyday espresso: Brazil and Peru for body, a little Ethiopia for lift. Chocolate and hazelnut, no sharp edges.' },
      { slug: 'sugarcane-decaf-250', name: 'Sugarcane Decaf, Colombia, 250 g', price: 1350, description: 'Decaffeinated with ethyl acetate from fermented sugarcane. Toffee and orange; nobody guesses it is decaf.' },
      { slug: 'monthly-tin-subscription', name: 'Monthly Tin Subscription', price: 2400, description: 'Two 250 g tins of whatever we are most excited about, roasted the week they ship. Send the empties back in the same box.' },
      { slug: 'returnable-tin', name: 'Returnable Tin (deposit)', price: 500, description: 'An extra 250 g steel tin. The deposit comes back to you the first time you return it empty.' },
      { slug: 'steel-burr-hand-grinder', name: 'Hand Grinder, Steel Burr', price: 8900, description: 'A conical steel-burr hand grinder that handles filter and espresso and will outlive us all. Spare burrs for ten years.' },
    ],
  },
  {
    slug: 'tierra-lenta',
    name: 'Tierra Lenta',
    tagline: 'Ancestral mezcal and stone-ground cacao from a Zapotec collective in Oaxaca',
    philosophy:
      'Tierra Lenta means slow land: an espadín needs eight years, a wild tobalá fifteen, and we will not harvest a plant before it is ready. ' +
      'Every bottle carries the name of the maestro who distilled it and the village where it was made. We replant two agaves for each one we take.',
    about:
      'We are nine families from Santa Catarina Minas and San Baltazar Chichicápam who distil mezcal in clay pots and grind cacao on the metate, as our grandparents did. ' +
      'Bottles are filled by hand in small lots, so a lot can sell out and never come back. Shipping outside Mexico takes about two weeks.',
    location: 'Santa Catarina Minas, Oaxaca, Mexico',
    timeZone: 'America/Mexico_City',
    responseTargetSeconds: 24 * 3600,
    away:
      '¡Hola! We are up at the palenque for the tobalá harvest and only come down to read messages every few days. ' +
      'Your message is safe with us: Rosa or Mateo will answer as soon as we are back. Orders still leave the village as usual. Gracias por su paciencia.',
    currency: 'MXN',
    shippingDays: 14,
    // Mornings, a long comida, evenings; Saturdays too, because that is market day in Ocotlán.
    hours: week([1, 2, 3, 4, 5, 6], '09:00-14:00', '16:00-19:00'),
    closures: [
      { on: '09-16', reason: 'Día de la Independencia' },
      { on: '11-02', reason: 'Día de Muertos' },
    ],
    team: [
      { name: 'Rosa Martínez', email: 'rosa@tierra-lenta.example', role: 'OWNER' },
      { name: 'Mateo Hernández', email: 'mateo@tierra-lenta.example', role: 'AGENT' },
    ],
    // prettier-ignore
    products: [
      { slug: 'mezcal-espadin', name: 'Mezcal Espadín, Maestro Aarón, 750 ml', price: 89000, description: 'Eight-year espadín roasted in an earth pit and distilled twice in clay. Smoke, ripe banana and wet stone. 47% ABV.' },
      { slug: 'mezcal-tobala-lote-14', name: 'Mezcal Tobalá, Lote 14, 750 ml', price: 185000, description: 'Wild tobalá gathered on the hills above Chichicápam; 180 bottles in this lot. Floral and peppery, with a long mineral finish.' },
      { slug: 'ensamble-madrecuixe', name: 'Ensamble Madrecuixe–Espadín, 750 ml', price: 132000, description: 'Half wild madrecuixe, half espadín, from Maestra Juana’s palenque. Green, herbal and bright. 48% ABV.' },
      { slug: 'stone-ground-cacao', name: 'Stone-Ground Cacao Tablets, 500 g', price: 32000, description: 'Oaxacan cacao ground on the metate with cane sugar, almonds and cinnamon. Melt in hot milk or water and whisk until it foams.' },
      { slug: 'barro-negro-copitas', name: 'Barro Negro Copitas, Set of Four', price: 45000, description: 'Small black-clay cups from San Bartolo Coyotepec, for sipping mezcal slowly, the way it is meant to be drunk.' },
      { slug: 'mole-negro-paste', name: 'Mole Negro Paste, 400 g', price: 28000, description: 'Our grandmothers’ mole with chilhuacle negro, cacao and nearly thirty other ingredients. Loosen with stock and simmer.' },
    ],
  },
]

// ───────────────────────────────────────────────────────────── people

// prettier-ignore
export const BUYERS: BuyerSeed[] = [
  { key: 'maya', name: 'Maya Lindqvist', email: 'maya.lindqvist@example.com', location: 'Stockholm, Sweden', timeZone: 'Europe/Stockholm' },
  { key: 'daniel', name: 'Daniel Okafor', email: 'daniel.okafor@example.com', location: 'Lagos, Nigeria', timeZone: 'Africa/Lagos' },
  { key: 'sofia', name: 'Sofia Rossi', email: 'sofia.rossi@example.com', location: 'Bologna, Italy', timeZone: 'Europe/Rome' },
  { key: 'james', name: 'James Whitfield', email: 'james.whitfield@example.com', location: 'Leeds, United Kingdom', timeZone: 'Europe/London' },
  { key: 'priya', name: 'Priya Raman', email: 'priya.raman@example.com', location: 'Bengaluru, India', timeZone: 'Asia/Kolkata' },
  { key: 'lucas', name: 'Lucas Ferreira', email: 'lucas.ferreira@example.com', location: 'São Paulo, Brazil', timeZone: 'America/Sao_Paulo' },
  { key: 'hannah', name: 'Hannah Schulz', email: 'hannah.schulz@example.com', location: 'Hamburg, Germany', timeZone: 'Europe/Berlin' },
  { key: 'kenta', name: 'Kenta Saito', email: 'kenta.saito@example.com', location: 'Osaka, Japan', timeZone: 'Asia/Tokyo' },
  { key: 'amelie', name: 'Amélie Laurent', email: 'amelie.laurent@example.com', location: 'Lyon, France', timeZone: 'Europe/Paris' },
  { key: 'olivia', name: 'Olivia Chen', email: 'olivia.chen@example.com', location: 'Vancouver, Canada', timeZone: 'America/Vancouver' },
  { key: 'marcus', name: 'Marcus Johnson', email: 'marcus.johnson@example.com', location: 'Chicago, USA', timeZone: 'America/Chicago', displayName: 'Marcus J.' },
  { key: 'fatima', name: 'Fatima Zahra El Amrani', email: 'fatima.elamrani@example.com', location: 'Casablanca, Morocco', timeZone: 'Africa/Casablanca', displayName: 'Fatima Zahra' },
  { key: 'liam', name: 'Liam O’Sullivan', email: 'liam.osullivan@example.com', location: 'Cork, Ireland', timeZone: 'Europe/Dublin' },
  { key: 'chloe', name: 'Chloé Dubois', email: 'chloe.dubois@example.com', location: 'Montréal, Canada', timeZone: 'America/Toronto' },
  { key: 'noah', name: 'Noah Goldberg', email: 'noah.goldberg@example.com', location: 'Brooklyn, New York, USA', timeZone: 'America/New_York' },
  { key: 'aiko', name: 'Aiko Tanaka', email: 'aiko.tanaka@example.com', location: 'Melbourne, Australia', timeZone: 'Australia/Melbourne' },
  { key: 'tomas', name: 'Tomás Álvarez', email: 'tomas.alvarez@example.com', location: 'Madrid, Spain', timeZone: 'Europe/Madrid' },
  { key: 'grace', name: 'Grace Mwangi', email: 'grace.mwangi@example.com', location: 'Nairobi, Kenya', timeZone: 'Africa/Nairobi' },
  { key: 'elena', name: 'Elena Petrova', email: 'elena.petrova@example.com', location: 'Plovdiv, Bulgaria', timeZone: 'Europe/Sofia' },
  { key: 'wei', name: 'Wei Zhang', email: 'wei.zhang@example.com', location: 'Singapore', timeZone: 'Asia/Singapore' },
  { key: 'sarah', name: 'Sarah Cohen', email: 'sarah.cohen@example.com', location: 'Tel Aviv, Israel', timeZone: 'Asia/Jerusalem' },
  { key: 'erik', name: 'Erik Halvorsen', email: 'erik.halvorsen@example.com', location: 'Bergen, Norway', timeZone: 'Europe/Oslo' },
  { key: 'isabela', name: 'Isabela Costa', email: 'isabela.costa@example.com', location: 'Porto, Portugal', timeZone: 'Europe/Lisbon' },
  { key: 'ahmed', name: 'Ahmed Hassan', email: 'ahmed.hassan@example.com', location: 'Cairo, Egypt', timeZone: 'Africa/Cairo', displayName: 'Ahmed H.' },
  { key: 'rachel', name: 'Rachel Kim', email: 'rachel.kim@example.com', location: 'Seattle, USA', timeZone: 'America/Los_Angeles' },
]

// prettier-ignore
export const STAFF: StaffSeed[] = [
  { name: 'Priscila Nunes', email: 'priscila@rapport.example', role: 'MODERATOR' },
  { name: 'Tomasz Wójcik', email: 'tomasz@rapport.example', role: 'MODERATOR' },
  { name: 'Alex Morgan', email: 'alex@rapport.example', role: 'ADMIN' },
]

// ───────────────────────────────────────────────────────────── orders (numbers in the order they were placed)

// prettier-ignore
export const ORDERS: OrderSeed[] = [
  { number: 'R-10001', buyer: 'james', supplier: 'olive-oak', placed: '88d', status: 'DELIVERED', items: [['harvest-gift-box', 1]] },
  { number: 'R-10002', buyer: 'noah', supplier: 'sugarhouse-hollow', placed: '86d3h', status: 'DELIVERED', items: [['maple-syrup-amber-rich', 2], ['maple-cream-8oz', 1]] },
  { number: 'R-10003', buyer: 'hannah', supplier: 'kreislauf-kaffee', placed: '84d5h', status: 'DELIVERED', items: [['guji-natural-250', 2], ['huila-washed-250', 1]] },
  { number: 'R-10004', buyer: 'maya', supplier: 'tsuchi-studio', placed: '82d', status: 'DELIVERED', items: [['yunomi-ash-glaze', 2]] },
  // The courier changed tracking systems mid-way: nine days late (see the conversation and the 3-star review).
  { number: 'R-10005', buyer: 'olivia', supplier: 'khaya-loom', placed: '80d', status: 'DELIVERED', items: [['mohair-throw-indigo', 1]], deliveredAfter: '21d' },
  { number: 'R-10006', buyer: 'sofia', supplier: 'olive-oak', placed: '77d2h', status: 'DELIVERED', items: [['galega-early-harvest-500', 3]] },
  { number: 'R-10007', buyer: 'marcus', supplier: 'tierra-lenta', placed: '75d', status: 'DELIVERED', items: [['mezcal-espadin', 1], ['barro-negro-copitas', 1]] },
  { number: 'R-10008', buyer: 'priya', supplier: 'tsuchi-studio', placed: '73d6h', status: 'DELIVERED', items: [['matcha-bowl-shino', 1]] },
  { number: 'R-10009', buyer: 'amelie', supplier: 'kreislauf-kaffee', placed: '71d', status: 'DELIVERED', items: [['monthly-tin-subscription', 1]] },
  { number: 'R-10010', buyer: 'liam', supplier: 'sugarhouse-hollow', placed: '70d4h', status: 'DELIVERED', items: [['turned-maple-bowl', 1]] },
  { number: 'R-10011', buyer: 'maya', supplier: 'olive-oak', placed: '68d', status: 'DELIVERED', items: [['everyday-tin-3l', 1], ['galega-olives-450', 2]] },
  { number: 'R-10012', buyer: 'grace', supplier: 'khaya-loom', placed: '66d1h', status: 'DELIVERED', items: [['waffle-towel-set', 2]] },
  { number: 'R-10013', buyer: 'daniel', supplier: 'kreislauf-kaffee', placed: '64d', status: 'CANCELLED', items: [['steel-burr-hand-grinder', 1]], cancelledAfter: '6h' },
  { number: 'R-10014', buyer: 'lucas', supplier: 'tierra-lenta', placed: '62d', status: 'DELIVERED', items: [['stone-ground-cacao', 2], ['mole-negro-paste', 1]] },
  { number: 'R-10015', buyer: 'aiko', supplier: 'tsuchi-studio', placed: '60d3h', status: 'DELIVERED', items: [['rice-bowl-pair', 1], ['soy-dish-set', 1]] },
  { number: 'R-10016', buyer: 'erik', supplier: 'olive-oak', placed: '58d', status: 'DELIVERED', items: [['cobrancosa-reserve-750', 2]], deliveredAfter: '4d' },
  { number: 'R-10017', buyer: 'chloe', supplier: 'sugarhouse-hollow', placed: '56d', status: 'DELIVERED', items: [['sugarhouse-sampler', 1]] },
  { number: 'R-10018', buyer: 'sarah', supplier: 'khaya-loom', placed: '54d2h', status: 'DELIVERED', items: [['undyed-baby-blanket', 1]] },
  { number: 'R-10019', buyer: 'tomas', supplier: 'kreislauf-kaffee', placed: '52d', status: 'DELIVERED', items: [['hausmischung-espresso-1kg', 1]] },
  { number: 'R-10020', buyer: 'rachel', supplier: 'tsuchi-studio', placed: '50d5h', status: 'DELIVERED', items: [['kyusu-teapot', 1]] },
  { number: 'R-10021', buyer: 'isabela', supplier: 'olive-oak', placed: '48d', status: 'DELIVERED', items: [['oak-smoked-oil-250', 2], ['olive-wood-board', 1]] },
  { number: 'R-10022', buyer: 'wei', supplier: 'tierra-lenta', placed: '46d', status: 'DELIVERED', items: [['mezcal-tobala-lote-14', 1]] },
  // The tokkuri cracked in the kiln; the studio cancelled and refunded (see the conversation).
  { number: 'R-10023', buyer: 'kenta', supplier: 'tsuchi-studio', placed: '45d', status: 'CANCELLED', items: [['tokkuri-sake-set', 1]], cancelledAfter: '1d5h' },
  { number: 'R-10024', buyer: 'hannah', supplier: 'kreislauf-kaffee', placed: '44d', status: 'DELIVERED', items: [['sugarcane-decaf-250', 2]] },
  { number: 'R-10025', buyer: 'noah', supplier: 'sugarhouse-hollow', placed: '42d', status: 'DELIVERED', items: [['bourbon-barrel-syrup', 2]] },
  { number: 'R-10026', buyer: 'fatima', supplier: 'khaya-loom', placed: '40d', status: 'DELIVERED', items: [['rooibos-table-runner', 1], ['geometric-cushion-cover', 2]] },
  { number: 'R-10027', buyer: 'maya', supplier: 'kreislauf-kaffee', placed: '38d', status: 'DELIVERED', items: [['guji-natural-250', 1], ['returnable-tin', 2]] },
  { number: 'R-10028', buyer: 'elena', supplier: 'olive-oak', placed: '36d', status: 'DELIVERED', items: [['galega-early-harvest-500', 1], ['galega-olives-450', 1]] },
  { number: 'R-10029', buyer: 'ahmed', supplier: 'tierra-lenta', placed: '34d', status: 'DELIVERED', items: [['stone-ground-cacao', 1]], deliveredAfter: '20d' },
  { number: 'R-10030', buyer: 'james', supplier: 'sugarhouse-hollow', placed: '33d16h', status: 'DELIVERED', items: [['cherry-serving-spoon', 1]] },
  { number: 'R-10031', buyer: 'olivia', supplier: 'tsuchi-studio', placed: '30d', status: 'DELIVERED', items: [['soy-dish-set', 1]] },
  { number: 'R-10032', buyer: 'marcus', supplier: 'kreislauf-kaffee', placed: '28d', status: 'DELIVERED', items: [['huila-washed-250', 2]] },
  { number: 'R-10033', buyer: 'priya', supplier: 'khaya-loom', placed: '26d17h', status: 'DELIVERED', items: [['waffle-towel-set', 1]] },
  // Held by Italian customs, long past its expected date.
  { number: 'R-10034', buyer: 'sofia', supplier: 'tierra-lenta', placed: '24d', status: 'SHIPPED', items: [['mezcal-espadin', 2]] },
  { number: 'R-10035', buyer: 'liam', supplier: 'olive-oak', placed: '22d', status: 'DELIVERED', items: [['harvest-gift-box', 2]] },
  { number: 'R-10036', buyer: 'amelie', supplier: 'tsuchi-studio', placed: '21d10h', status: 'DELIVERED', items: [['matcha-bowl-shino', 1], ['yunomi-ash-glaze', 1]] },
  { number: 'R-10037', buyer: 'grace', supplier: 'kreislauf-kaffee', placed: '18d', status: 'DELIVERED', items: [['monthly-tin-subscription', 1]] },
  { number: 'R-10038', buyer: 'maya', supplier: 'olive-oak', placed: '15d', status: 'DELIVERED', items: [['cobrancosa-reserve-750', 1], ['olive-wood-board', 1]] },
  { number: 'R-10039', buyer: 'rachel', supplier: 'sugarhouse-hollow', placed: '12d', status: 'DELIVERED', items: [['maple-syrup-very-dark', 3]] },
  { number: 'R-10040', buyer: 'lucas', supplier: 'khaya-loom', placed: '10d', status: 'SHIPPED', items: [['mohair-throw-indigo', 1]] },
  { number: 'R-10041', buyer: 'erik', supplier: 'kreislauf-kaffee', placed: '8d', status: 'DELIVERED', items: [['hausmischung-espresso-1kg', 1], ['steel-burr-hand-grinder', 1]], deliveredAfter: '2d' },
  { number: 'R-10042', buyer: 'daniel', supplier: 'tsuchi-studio', placed: '7d', status: 'SHIPPED', items: [['yunomi-ash-glaze', 4]] },
  { number: 'R-10043', buyer: 'chloe', supplier: 'olive-oak', placed: '5d', status: 'SHIPPED', items: [['everyday-tin-3l', 1]] },
  { number: 'R-10044', buyer: 'wei', supplier: 'khaya-loom', placed: '4d', status: 'PLACED', items: [['commissioned-wall-hanging', 1]] },
  { number: 'R-10045', buyer: 'noah', supplier: 'tierra-lenta', placed: '3d', status: 'PLACED', items: [['ensamble-madrecuixe', 1], ['barro-negro-copitas', 1]] },
  { number: 'R-10046', buyer: 'maya', supplier: 'sugarhouse-hollow', placed: '2d', status: 'SHIPPED', items: [['maple-syrup-amber-rich', 1], ['cherry-serving-spoon', 1]] },
  { number: 'R-10047', buyer: 'sarah', supplier: 'olive-oak', placed: '1d23h', status: 'SHIPPED', items: [['harvest-gift-box', 1]] },
  { number: 'R-10048', buyer: 'tomas', supplier: 'tsuchi-studio', placed: '1d11h', status: 'PLACED', items: [['kintsugi-repair', 1]] },
  // One Guji swapped for a Huila after the buyer asked (see the conversation).
  { number: 'R-10049', buyer: 'isabela', supplier: 'kreislauf-kaffee', placed: '1d', status: 'PLACED', items: [['guji-natural-250', 1], ['huila-washed-250', 1]] },
  { number: 'R-10050', buyer: 'aiko', supplier: 'tierra-lenta', placed: '7h', status: 'PLACED', items: [['stone-ground-cacao', 3]] },
]

// ───────────────────────────────────────────────────────────── conversations

export const CONVERSATIONS: ConversationSeed[] = [
  // ── OPEN: new, nobody on the supplier side has picked them up yet
  {
    buyer: 'maya',
    supplier: 'tierra-lenta',
    product: 'ensamble-madrecuixe',
    status: 'OPEN',
    started: '1d6h',
    labels: ['gift'],
    unreadBy: 'supplier',
    subject: 'Sending the ensamble to Sweden as a gift',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hola! I would love to send the Madrecuixe–Espadín ensamble to my brother in Göteborg for his fortieth at the end of the month. Do you ship spirits to Sweden, and could the parcel go without the price on it?'],
      ['auto', '1m'],
      ['buyer', '22m', 'No rush at all, enjoy the harvest! If it can’t reach Sweden in time I can have it sent to me in Stockholm and drive it over.'],
    ],
  },
  {
    buyer: 'olivia',
    supplier: 'kreislauf-kaffee',
    product: 'monthly-tin-subscription',
    status: 'OPEN',
    started: '3h',
    unreadBy: 'supplier',
    subject: 'Pausing the subscription while travelling',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hi there, I’m thinking about the monthly tins. I travel for work for five or six weeks at a time, twice a year. Can a subscription be paused for a month, or would I need to cancel and start again?'],
      ['buyer', '4m', 'Also: do the returns from a subscription go back in the same box, or is there a separate return label?'],
    ],
  },
  {
    buyer: 'elena',
    supplier: 'khaya-loom',
    product: 'geometric-cushion-cover',
    status: 'OPEN',
    started: '9h',
    unreadBy: 'supplier',
    subject: 'Cushion cover in indigo?',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hello! I love Zanele’s geometric cover. Could she weave the same pattern in indigo instead of black? I would need two at 50 cm, and I’m happy to wait a few weeks.'],
    ],
  },
  {
    buyer: 'rachel',
    supplier: 'sugarhouse-hollow',
    order: 'R-10039',
    status: 'OPEN',
    started: '5h',
    unreadBy: 'supplier',
    subject: 'Crystals in the Very Dark syrup',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hi! One of the three Very Dark pints has a crust of crystals around the neck and on the bottom. Is it still OK to use? The other two look normal.'],
      ['buyer', '3m', '(It has been in the pantry, not the fridge, if that matters.)'],
    ],
  },

  // ── AWAITING_SUPPLIER: the buyer wrote last and is owed an answer
  {
    buyer: 'maya',
    supplier: 'olive-oak',
    order: 'R-10038',
    status: 'AWAITING_SUPPLIER',
    started: '6d2h',
    assignee: 'tiago',
    labels: ['damage'],
    unreadBy: 'supplier',
    subject: 'Hairline crack in the olive-wood board',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Olá! The Reserve and the board arrived safely, thank you. I’ve noticed a thin crack along the grain at one end of the board, maybe 4 cm long. Is that normal for olive wood, or did it happen in transit?'],
      ['tiago', '3h', 'Hi Maya, thanks for telling us. Olive wood can open small checks at the end grain when it goes from our dry Alentejo air into a heated flat, which sounds like what happened here. How deep is it? If you can get a fingernail into it, we’ll simply replace the board.'],
      ['buyer', '5h', 'It’s shallow, I can’t get a nail into it, but it does catch the light.'],
      ['tiago', '1d2h', 'Then it should close up once the board has had some oil. Rub in a teaspoon of our oil (or any food-safe mineral oil) tonight and again in two days. If it hasn’t settled by next week, tell me and I’ll send a new one.'],
      ['buyer', '4d', 'I oiled it twice as you suggested. The crack is narrower but still there, and now there’s a second small one at the other end. Should I send it back, or is a replacement easier?'],
    ],
  },
  {
    buyer: 'wei',
    supplier: 'khaya-loom',
    order: 'R-10044',
    status: 'AWAITING_SUPPLIER',
    started: '3d20h',
    assignee: 'nomsa',
    labels: ['commission'],
    subject: 'Wall hanging commission: size and colours',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hi Nomsa, I’ve just placed the order for the commissioned hanging. The wall is 240 cm wide and I’m thinking 180 × 120 cm, hung horizontally above a low sofa.'],
      ['nomsa', '2h', 'Hello Wei, thank you, we are excited about this one. 180 × 120 works well on our widest loom. Could you tell us about the room: how much light it gets, and the colours of the floor and the sofa? And is there a piece in our shop you are drawn to?'],
      ['buyer', '9h', 'North-facing, soft light all day. Pale oak floor, dark green velvet sofa. I love the indigo stripe on your mohair throw, but maybe with some rooibos red in it?'],
      ['nomsa', '1d', 'That will be beautiful against green. Thandi will draw two sketches, one stripe-based and one with Zanele’s diamond pattern, and we’ll send them within the week. We’ll use a cotton warp with mohair weft so it hangs flat.'],
      ['buyer', '1d4h', 'Perfect. One more question: how is it hung? I’d prefer something I can put up myself without a professional.'],
    ],
  },
  {
    buyer: 'hannah',
    supplier: 'kreislauf-kaffee',
    product: 'steel-burr-hand-grinder',
    status: 'AWAITING_SUPPLIER',
    started: '2d5h',
    unreadBy: 'supplier',
    subject: 'Hand grinder for Turkish coffee?',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hallo! Does the steel-burr grinder go fine enough for Turkish coffee? My partner makes it every morning and our current grinder can’t manage it.'],
      ['leyla', '1h30m', 'Hi Hannah! Yes, at the finest setting it makes a proper powder, though it takes about two minutes of grinding for two cups. To be honest, a dedicated Turkish mill is faster for that one job.'],
      ['buyer', '3h', 'Two minutes is fine. Does it hold the setting if we switch between Turkish and V60 every day, or will we be hunting for it all the time?'],
      ['leyla', '40m', 'It has numbered clicks, so you just count: Turkish is about 3 clicks from zero, V60 around 22. Most people keep a note inside the cupboard door.'],
      ['buyer', '1d', 'Great, that settles it. Last thing: is the ten-year burr warranty valid if we live in Hamburg rather than Berlin?'],
    ],
  },
  {
    buyer: 'daniel',
    supplier: 'tsuchi-studio',
    order: 'R-10042',
    status: 'AWAITING_SUPPLIER',
    started: '1d8h',
    labels: ['shipping'],
    unreadBy: 'supplier',
    subject: 'Tracking stuck after Osaka',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Good afternoon. My four yunomi show “Departed from Osaka International Exchange Office” and nothing since. Is that normal for Japan Post to Nigeria?'],
      ['kenji', '5h', 'Hello Daniel, thank you for your patience. Parcels to Nigeria usually go quiet for five to eight days after Osaka; the next scan only happens when customs in Lagos receives them. Your cups left us in a double box, well padded.'],
      ['buyer', '2h', 'Thank you. Do you know roughly how long customs in Lagos takes with Japan Post parcels?'],
      ['buyer', '20h', 'Sorry to chase. I’m planning a small tea tasting for friends and wanted to know whether I can count on the cups.'],
    ],
  },
  {
    buyer: 'chloe',
    supplier: 'olive-oak',
    order: 'R-10043',
    status: 'AWAITING_SUPPLIER',
    started: '4d1h',
    assignee: 'ines',
    subject: 'Will the tin survive a Montréal winter?',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hi! My Everyday tin is on its way, and the tracking says it will sit in a depot in Laval for a couple of days. It’s often −15 °C here. Will the oil be ruined if it freezes?'],
      ['ines', '2h', 'Olá Chloé! Good news: olive oil doesn’t spoil from cold. Below about 5 °C it turns cloudy and thick, sometimes almost solid, but back at room temperature it clears and tastes exactly the same. Just let it warm up slowly, never on the stove.'],
      ['buyer', '1h', 'Phew, thank you! Once it arrives, is it fine in my pantry? It’s against an outside wall, so it stays quite cool.'],
      ['ines', '3h', 'A cool pantry is ideal, as long as it’s dark. The first pours will just be a bit thick on cold mornings.'],
      ['buyer', '2d', 'Still in the depot, apparently. One last thing: when it arrives, should I decant it into a smaller bottle straight away or keep it in the tin?'],
    ],
  },

  // ── AWAITING_BUYER: the supplier asked something back
  {
    buyer: 'sofia',
    supplier: 'tierra-lenta',
    order: 'R-10034',
    status: 'AWAITING_BUYER',
    started: '11d',
    assignee: 'mateo',
    labels: ['shipping', 'customs'],
    subject: 'Parcel held at customs in Milan',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Buongiorno! My tracking has said “held at customs, Milano Malpensa” for five days. Is there anything I need to do?'],
      ['mateo', '6h', 'Buongiorno Sofia, thank you for writing. Spirits going into Italy sometimes need the buyer’s codice fiscale before customs releases them. I’ve asked our courier to confirm whether that is the case for your parcel.'],
      ['buyer', '3h', 'OK, thank you. I can provide it if needed, just tell me how.'],
      ['mateo', '1d2h', 'The courier confirmed it: customs needs your codice fiscale and a signed declaration that the mezcal is for personal use. DHL Express Italy will email you a form within a day. Please fill it in directly with them rather than sending it here, so your details stay private.'],
      ['buyer', '2d', 'Got the email and sent the form back this morning.'],
      ['mateo', '1d', '¡Grazie! Customs usually releases parcels three to five working days after the form. Could you tell us when the tracking moves, so we can close this on our side? If it is still stuck next week, we will open a claim with DHL.'],
    ],
  },
  {
    buyer: 'lucas',
    supplier: 'khaya-loom',
    order: 'R-10040',
    status: 'AWAITING_BUYER',
    started: '2d3h',
    assignee: 'thandi',
    labels: ['shipping'],
    unreadBy: 'buyer',
    subject: 'Missed delivery in São Paulo',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Olá! The courier says they tried to deliver the throw yesterday but nobody was home. I was home all day. What can I do?'],
      ['thandi', '1h', 'Hi Lucas, sorry about that, it happens more than it should. I’ve opened a query with Aramex. They can either redeliver on a day you choose or hold it at their Vila Leopoldina depot for you to collect.'],
      ['buyer', '30m', 'Redelivery would be better, but I work during the week. Is Saturday possible?'],
      ['thandi', '5h', 'Aramex can do Saturday morning, between 8 and 12. Shall I book this coming Saturday? Please also confirm your apartment number: the courier’s note says your name wasn’t on the building intercom.'],
    ],
  },
  {
    buyer: 'liam',
    supplier: 'sugarhouse-hollow',
    product: 'maple-syrup-amber-rich',
    status: 'AWAITING_BUYER',
    started: '8d4h',
    labels: ['wholesale'],
    subject: 'Wholesale syrup for a café in Cork',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hi Ben, I love the salad bowl I bought from you. I run a small café in Cork and we go through about 20 litres of maple syrup a month. Do you do wholesale, and can you ship to Ireland?'],
      ['ben', '7h', 'Hi Liam, great to hear the bowl found a good home. We do wholesale Amber Rich in one-gallon jugs (about 3.8 L). From five jugs a month it’s $78 a jug, and we send a sea-freight pallet to Europe every six weeks with a few other cafés, which keeps shipping sensible.'],
      ['buyer', '1d', 'That’s very reasonable. How long does sea freight take, and is the syrup OK in a container for that long?'],
      ['ben', '5h', 'About four weeks door to door. Sealed syrup at full density is shelf-stable, so the trip won’t bother it. If you’d like to start, send me the café’s business name, VAT number and delivery address, and whether you want five or six jugs in the first shipment.'],
    ],
  },
  {
    buyer: 'maya',
    supplier: 'kreislauf-kaffee',
    product: 'sugarcane-decaf-250',
    status: 'AWAITING_BUYER',
    started: '3d6h',
    unreadBy: 'buyer',
    subject: 'Decaf for my dad’s moka pot',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hej! My dad has had to give up caffeine and is quite sad about it. He makes his coffee in an old moka pot. Would the sugarcane decaf work for that?'],
      ['jonas', '1h20m', 'Hi Maya, sorry to hear about your dad’s caffeine ban! The sugarcane decaf is lovely in a moka pot: toffee and orange, and it doesn’t go bitter. Does he have a grinder, or shall we grind it for him?'],
      ['buyer', '2h', 'No grinder, so yes please. How long does it keep once ground?'],
      ['jonas', '30m', 'Ground, it’s best within three weeks; the tin helps because it closes airtight. I’d suggest two 250 g tins ground for moka rather than one big bag. Shall I set that up as a one-off, or would he like a decaf tin every month?'],
    ],
  },
  {
    buyer: 'grace',
    supplier: 'tsuchi-studio',
    product: 'kintsugi-repair',
    status: 'AWAITING_BUYER',
    started: '5d',
    labels: ['kintsugi'],
    subject: 'Repairing my grandmother’s bowl',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hello, I have a porcelain bowl that belonged to my grandmother. It broke into three pieces when we moved. It isn’t one of yours; can you still repair it with kintsugi?'],
      ['emi', '18h', 'Hello Grace, I am sorry about the bowl, and yes, we repair pieces from anywhere. Porcelain is a little harder than stoneware because the breaks are so clean, but three pieces is very manageable. Do you still have all the small chips, even tiny ones?'],
      ['buyer', '2h', 'I think so. I kept everything in a zip bag, crumbs included.'],
      ['emi', '20h', 'Perfect, keep them all. Could you send photos of each piece, front and back, with a ruler next to them? Then I can give you an exact price and suggest gold or silver. When you ship, wrap each piece separately in tissue.'],
    ],
  },

  // ── RESOLVED
  {
    buyer: 'maya',
    supplier: 'kreislauf-kaffee',
    order: 'R-10027',
    status: 'RESOLVED',
    started: '33d',
    assignee: 'leyla',
    buyerConfirmedAfter: '3h',
    subject: 'How do I send the tins back?',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hi! The Guji is wonderful. I’ve finished the first tin: how do I send it back? I can’t find a label anywhere.'],
      ['leyla', '1h', 'Hi Maya, glad you’re enjoying it! The return label is printed under the cardboard insert at the bottom of the box. Put the empty tins in that box, stick the label over the old address and drop it at any DHL point. It’s free.'],
      ['buyer', '25m', 'Found it, under the insert as you said. Do the tins need washing first?'],
      ['leyla', '15m', 'A quick rinse is nice but not needed: we wash and check every tin anyway. Thank you for sending them back!'],
      ['buyer', '5h', 'Dropped them off this afternoon. Thanks Leyla!'],
    ],
  },
  {
    buyer: 'erik',
    supplier: 'olive-oak',
    order: 'R-10016',
    status: 'RESOLVED',
    started: '53d22h',
    assignee: 'ana',
    labels: ['damage', 'shipping'],
    subject: 'One bottle arrived broken',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hello. My parcel arrived today and one of the two Reserve bottles was cracked. The oil soaked through the whole box. The other bottle is fine.'],
      ['ana', '2h', 'Erik, I’m so sorry, what a mess to open. Please don’t send anything back. I’ve packed a new bottle of Reserve for you and it will leave the farm tomorrow morning; I’ll post the tracking number here.'],
      ['buyer', '1h', 'That’s very kind, thank you. The cardboard was crushed on one corner, so I think it was dropped somewhere along the way.'],
      ['ana', '20h', 'The replacement is on its way with CTT; the tracking link is in your order page. It travels in a moulded pulp sleeve this time. We are switching every bottle to them after what happened to yours.'],
      ['buyer', '4d', 'The replacement arrived in perfect shape, and the oil is as good as I hoped. Thanks, Ana.'],
      ['ana', '1h', 'Wonderful, thank you for letting us know. Enjoy it!'],
    ],
  },
  {
    buyer: 'ahmed',
    supplier: 'tierra-lenta',
    order: 'R-10029',
    status: 'RESOLVED',
    started: '20d',
    assignee: 'mateo',
    labels: ['shipping'],
    subject: 'Where is my cacao?',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hello, I ordered the cacao tablets two weeks ago and the tracking hasn’t changed in ten days. Can you check?'],
      ['buyer', '2d', 'Hello again? Still nothing on the tracking.'],
      ['mateo', '1d', 'Ahmed, I am very sorry for the slow answer and for the silence on the tracking. I called Estafeta: your parcel went to Cairo via Frankfurt and was waiting there for a connecting flight. It moved this morning and should reach you within the week.'],
      ['buyer', '3h', 'OK, thanks for checking. Ten days without any update is a long time, though.'],
      ['mateo', '2h', 'You are right, it is. We have stopped using that route for Africa and the Middle East. From now on we ship there with DHL and full tracking, even though it costs us more.'],
      ['buyer', '4d', 'It arrived yesterday. Thanks.'],
    ],
  },
  {
    buyer: 'james',
    supplier: 'sugarhouse-hollow',
    product: 'cherry-serving-spoon',
    status: 'RESOLVED',
    started: '34d',
    assignee: 'cal',
    subject: 'Is the cherry spoon OK with hot food?',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hello! Can the cherry spoon be used for hot soups and stews, or is it more for salads? I’m a bit worried about the finish.'],
      ['cal', '4h', 'Hi James, Cal here, I carved that batch. Go ahead and use it for soups and stews: the finish is walnut oil and beeswax, both food-safe, and hot food won’t hurt it. Just don’t leave it soaking in the pot or put it in the dishwasher.'],
      ['buyer', '1h', 'Great. And how do I refresh the finish over time?'],
      ['cal', '2h', 'Every month or two, when it looks pale and dry, rub in a little walnut or sunflower oil, leave it overnight and wipe off the rest. If the grain feels fuzzy after the first few washes, a quick pass with fine sandpaper sorts it.'],
      ['buyer', '30m', 'Perfect, ordering now. Thanks Cal.'],
    ],
  },
  {
    buyer: 'sarah',
    supplier: 'olive-oak',
    product: 'harvest-gift-box',
    status: 'RESOLVED',
    started: '2d4h',
    assignee: 'ines',
    labels: ['gift'],
    subject: 'Sending the gift box to my father in Manchester',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hi, I’d like to send the Harvest Gift Box to my father in Manchester for his birthday. Can you ship to the UK, and can I include a note without the price on the packing slip?'],
      ['ines', '1h', 'Hello Sarah! Yes to both. We ship to the UK by courier in four to six days with duties paid by us, so your father won’t be asked for anything at the door. Choose the gift option at checkout: the slip then shows no prices, and we handwrite your note on one of our cork cards.'],
      ['buyer', '40m', 'Wonderful. His birthday is in eight days. Will it arrive in time if I order today?'],
      ['ines', '25m', 'If you order before 4 pm our time it goes out tomorrow, so yes, with a couple of days to spare. I’ll keep an eye on it.'],
      ['buyer', '3h', 'Ordered! The note says “Happy birthday Abba, with love from Tel Aviv”.'],
      ['ines', '15h', 'Lovely. The card is written and the box is packed; it leaves the farm this afternoon.'],
    ],
  },
  {
    buyer: 'amelie',
    supplier: 'tsuchi-studio',
    product: 'matcha-bowl-shino',
    status: 'RESOLVED',
    started: '23d',
    assignee: 'kenji',
    buyerConfirmedAfter: '1d',
    subject: 'Matcha bowl size and glaze',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Bonjour! What are the dimensions of the Shino matcha bowl? And is each one a different colour?'],
      ['kenji', '14h', 'Bonjour Amélie! It is 11.5 cm across and 7.5 cm tall, comfortable for a 100-prong whisk. And yes, each bowl is different: the Shino blushes orange wherever the flame touches it. We have four in stock right now.'],
      ['buyer', '2h', 'Could you describe them? I’d love to choose.'],
      ['kenji', '20h', 'Of the four: one is almost white with a few pinholes, two have a soft peach blush on one side, and one has a strong orange flash across the rim. Tell me which you like and I will set it aside.'],
      ['buyer', '1h', 'The one with the orange flash, please! Ordering now, with a yunomi.'],
      ['kenji', '3h', 'It is set aside under your name. Thank you!'],
    ],
  },
  {
    buyer: 'priya',
    supplier: 'khaya-loom',
    product: 'waffle-towel-set',
    status: 'RESOLVED',
    started: '28d',
    assignee: 'pieter',
    subject: 'Washing the waffle towels',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hello! Can the waffle towels go in a hot wash? In our kitchen everything gets washed at 60.'],
      ['pieter', '3h', 'Hi Priya, yes, 60 °C is fine for the natural and charcoal ones. The yellow is dyed with pomegranate rind, so it fades slowly at 60; at 40 it keeps its colour much longer.'],
      ['buyer', '1h', 'Thanks. Do they shrink?'],
      ['pieter', '2h', 'About 5% on the first wash, which we allow for when we cut them. After that they stay put.'],
      ['buyer', '1d', 'Great, I’ll order a set and keep the yellow one for guests.'],
    ],
  },
  {
    buyer: 'tomas',
    supplier: 'tsuchi-studio',
    product: 'kintsugi-repair',
    status: 'RESOLVED',
    started: '3d',
    assignee: 'kenji',
    labels: ['kintsugi'],
    subject: 'Kintsugi on another potter’s mug',
    // prettier-ignore
    messages: [
      ['buyer', '0m', '¡Hola! My wife’s favourite mug, made by a potter in Valencia, broke into two clean pieces. Do you repair other potters’ work, and can I ship it from Madrid?'],
      ['kenji', '16h', 'Hola Tomás! Yes, we repair any ceramic. Two clean pieces is the simplest kind of repair, about four weeks, and the listed price covers it. Wrap each piece in bubble wrap in a sturdy box; we will send it back in one of ours.'],
      ['buyer', '2h', 'Does the gold make it unsafe to drink from?'],
      ['kenji', '18h', 'Not at all. We use real urushi lacquer, which is food-safe once cured. Just keep it out of the microwave and the dishwasher afterwards.'],
      ['buyer', '1h', 'Perfect. I’ve placed the order and will post the mug this week.'],
    ],
  },
  {
    buyer: 'marcus',
    supplier: 'tierra-lenta',
    product: 'mezcal-espadin',
    status: 'RESOLVED',
    started: '15d',
    labels: ['wholesale'],
    subject: 'Carrying Tierra Lenta at my bar',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hi Rosa, I manage a small agave bar in Pilsen, Chicago. Our guests loved the espadín I brought back. Could we buy it by the case?'],
      ['rosa', '20h', 'Hola Marcus, what a lovely message, thank you for sharing our mezcal. For a bar in the US we cannot ship directly: spirits have to come through a licensed importer. We work with an importer in Texas who distributes in Illinois, and I can introduce you and ask them to hold a case of Maestro Aarón’s lot for you.'],
      ['buyer', '3h', 'That would be great. Would the price be very different from buying here?'],
      ['rosa', '22h', 'A little higher because of the importer and distributor, but much lower than bottle by bottle with shipping. I have written to Daniela there with your name; she will contact you this week.'],
      ['buyer', '2d', 'Daniela called and the first case is ordered. ¡Gracias, Rosa!'],
      ['rosa', '6h', '¡Qué bueno! Salud from all of us at the palenque.'],
    ],
  },
  {
    // Months old, so search has an old thread to find ("amphora") in both inboxes.
    buyer: 'maya',
    supplier: 'olive-oak',
    order: 'R-10011',
    status: 'RESOLVED',
    started: '64d',
    assignee: 'ana',
    labels: ['storage'],
    subject: 'Keeping the 3 l tin fresh',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hello! The tin and the olives arrived. My grandmother kept her oil in a clay amphora in the cellar. Would that work for the 3 l tin, or should I keep it in the tin?'],
      ['ana', '2h', 'Hi Maya! Keep it in the tin: it keeps out light and air better than clay. Somewhere cool and dark, lid closed, and decant a small bottle for the table each week. It stays at its best for about six months once opened.'],
      ['buyer', '40m', 'Perfect, the tin it is. Thank you, Ana.'],
    ],
  },
  {
    buyer: 'olivia',
    supplier: 'khaya-loom',
    order: 'R-10005',
    status: 'RESOLVED',
    started: '63d',
    assignee: 'thandi',
    labels: ['shipping'],
    subject: 'Throw hasn’t arrived',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hi, my throw was due last week and the tracking page hasn’t updated since it left Cape Town. Could you check on it?'],
      ['buyer', '1d6h', 'Following up: could someone send me the tracking again? The link in the email doesn’t work.'],
      ['thandi', '3h', 'Hi Olivia, I’m so sorry you had to ask twice. The link broke because the courier changed systems. I’ve updated it on your order page: the parcel has cleared customs in Toronto and is with Canada Post now. I’d expect it within three or four days.'],
      ['buyer', '2h', 'Thanks, I can see it now.'],
      ['buyer', '3d', 'It’s here, and it’s beautiful. Thank you.'],
      ['thandi', '1h', 'That’s wonderful news. Naledi, who wove it, says enjoy it, and sorry again for the wait.'],
    ],
  },
  {
    buyer: 'isabela',
    supplier: 'kreislauf-kaffee',
    order: 'R-10049',
    status: 'RESOLVED',
    started: '20h',
    assignee: 'leyla',
    subject: 'Swap one Guji for the Huila?',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Olá! I just ordered two Guji, but I’d like to change one to the Huila, for espresso. Is it too late?'],
      ['leyla', '40m', 'Hi Isabela, not too late at all, we roast tomorrow. I’ve changed it to one Guji and one Huila; the Huila is a little cheaper, so we’ve refunded the €1.60 difference.'],
      ['buyer', '10m', 'Obrigada, that was fast!'],
    ],
  },
  {
    buyer: 'kenta',
    supplier: 'tsuchi-studio',
    order: 'R-10023',
    status: 'RESOLVED',
    started: '44d',
    subject: 'Sake set order',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hello! I ordered the tokkuri and guinomi set yesterday. When will it ship? It’s for my father’s kanreki celebration next month.'],
      ['emi', '5h', 'Saito-san, thank you for your order, and I am sorry to bring bad news. When we unpacked the kiln, the tokkuri from this set had a crack through the base, so we cannot send it. I have cancelled the order and refunded you in full.'],
      ['buyer', '2h', 'That’s a shame. Will there be another set before next month?'],
      ['emi', '1d', 'Our next firing is in three weeks, so the timing is tight. If you like, I will make a set for your father in a red glaze, as red is traditional for kanreki, and send it the day it comes out of the kiln. I will tell you here when it is ready.'],
      ['buyer', '3h', 'That would be wonderful. Thank you, Nakagawa-san.'],
    ],
  },
  {
    buyer: 'daniel',
    supplier: 'kreislauf-kaffee',
    order: 'R-10013',
    status: 'RESOLVED',
    started: '63d20h',
    subject: 'Please cancel the grinder',
    // prettier-ignore
    messages: [
      ['buyer', '0m', 'Hi, I’ve just noticed that shipping to Lagos on my receipt costs more than the grinder itself. Can I cancel the order?'],
      ['jonas', '2h', 'Hi Daniel, of course. It’s cancelled and the full amount is on its way back to your card; it usually shows up within three to five days. Sorry the shipping cost wasn’t clearer before checkout. We’re fixing that page.'],
      ['buyer', '1h', 'Thank you for the quick answer.'],
    ],
  },
]

// ───────────────────────────────────────────────────────────── reviews (delivered orders only, one per order)

export const REVIEWS: ReviewSeed[] = [
  {
    // Hidden by moderators (see REPORTS): the public page shows the notice in its place.
    order: 'R-10028',
    rating: 1,
    after: '2d',
    title: 'Liars',
    body: 'Ana Carvalho is a liar and a thief. The olive jar came half empty and she blames the courier. Never again.',
    response: {
      by: 'ana',
      after: '5h',
      body: 'Elena, I am sorry the jar arrived short. We have refunded it in full and a new jar left this morning. If anything is wrong with it, write to us and we will put it right.',
    },
  },
  {
    order: 'R-10001',
    rating: 5,
    after: '3d',
    title: 'Made my mum cry (in a good way)',
    helpful: ['sofia', 'elena'],
    body: 'Sent the harvest box to my mum for her seventieth. She’s been rationing the early harvest ever since and says the smell takes her straight back to holidays in the Alentejo. The cork box alone is worth keeping.',
    response: {
      by: 'ana',
      after: '1d',
      body: 'James, this made our whole week. Please wish your mum a (late) happy birthday from all of us in Serpa, and tell her the early harvest keeps best in a dark cupboard, far from the stove.',
    },
  },
  {
    order: 'R-10002',
    rating: 5,
    after: '2d',
    title: 'The real thing',
    helpful: ['chloe', 'rachel', 'liam'],
    body: 'Grew up on the fake stuff. The Amber Rich tastes like someone actually cared about it. The maple cream disappeared in three days and we’re now rationing the second jar.',
  },
  {
    order: 'R-10003',
    rating: 4,
    after: '4d',
    title: 'Excellent Guji, smart tins',
    body: 'The Guji is the best natural I’ve had at home. One star off only because the return label for the tins took me a while to find: it was hidden under the insert.',
    response: {
      by: 'jonas',
      after: '6h',
      body: 'Danke, Hannah! You are right, the label hid too well. We now print the return instructions on the inside of the lid as well, so nobody has to go digging.',
    },
  },
  {
    order: 'R-10004',
    rating: 5,
    after: '2d',
    title: 'Two cups, two personalities',
    helpful: ['amelie'],
    body: 'I ordered a pair of yunomi expecting them to match. They don’t, and that’s the point: one ran much greener in the kiln than the other. Beautifully packed, each in its own paulownia box.',
    response: {
      by: 'emi',
      after: '1d',
      body: 'Thank you, Maya. The greener one sat closer to the firebox, where the ash falls thickest. I am happy they found a home together.',
    },
  },
  {
    order: 'R-10005',
    rating: 3,
    after: '2d',
    title: 'Beautiful throw, long wait',
    helpful: ['grace', 'noah', 'sarah', 'marcus'],
    body: 'The throw itself is stunning and softer than I expected from mohair. But it arrived nine days after the estimated date, and I had to ask twice before I got working tracking. I’d buy again, just not for a deadline.',
    response: {
      by: 'nomsa',
      after: '1d',
      body: 'Olivia, thank you for such a fair review, and I am sorry about the wait and for making you ask twice. Our courier changed tracking systems while your parcel was in the air, and we didn’t notice quickly enough. We now check every international parcel that hasn’t moved in four days. Naledi was so glad the throw reached you in the end.',
    },
  },
  {
    order: 'R-10006',
    rating: 5,
    after: '3d',
    title: 'Peppery in the best way',
    helpful: ['james', 'isabela'],
    body: 'Italian here, so I’m hard to impress with olive oil. The Galega early harvest has the cough-inducing finish that tells you the polyphenols are real. I bought three and regret not buying six.',
  },
  {
    order: 'R-10007',
    rating: 5,
    after: '5d',
    title: 'Smoke, fruit and a story',
    body: 'Maestro Aarón’s espadín is the mezcal I pour for friends who think they don’t like mezcal. The copitas are lovely, each a slightly different size, which makes sense once you know they’re shaped by hand.',
    response: {
      by: 'rosa',
      after: '2d',
      body: 'Gracias, Marcus! Aarón laughed when I read him your review: converting mezcal sceptics is his favourite thing. Salud!',
    },
  },
  {
    order: 'R-10008',
    rating: 4,
    after: '2d',
    title: 'Lovely bowl, a little smaller than I pictured',
    helpful: ['kenta'],
    body: 'The Shino glaze is gorgeous in the morning light. It’s a little narrower than I imagined, so check the size if you use a large whisk. Still my favourite thing on the shelf.',
    response: {
      by: 'kenji',
      after: '1d',
      body: 'Thank you, Priya. It is 11.5 cm across; we have now added the dimensions to the listing so nobody is surprised. Enjoy your matcha!',
    },
  },
  {
    order: 'R-10010',
    rating: 5,
    after: '6d',
    title: 'A bowl for the next fifty years',
    helpful: ['james'],
    body: 'Spalted maple, hand-turned, and you can see the tool marks if you look closely. It’s the centrepiece of every dinner now. Ben even sent a little card about the tree it came from.',
  },
  {
    order: 'R-10012',
    rating: 5,
    after: '4d',
    title: 'The best kitchen towels I’ve ever owned',
    body: 'Thick, absorbent, and they look better the more I wash them. I bought two sets and gave one to my sister.',
  },
  {
    order: 'R-10014',
    rating: 4,
    after: '3d',
    title: 'Incredible cacao, mole needs patience',
    body: 'The cacao tablets make the best hot chocolate I’ve had outside Oaxaca. The mole paste is excellent too, but it is very concentrated: read the instructions before tipping the whole jar into a pot like I did.',
  },
  {
    order: 'R-10015',
    rating: 5,
    after: '7d',
    title: 'Everyday joy',
    body: 'The kuro and shiro bowls are in use every single day, and after two months in the dishwasher they look new.',
  },
  {
    order: 'R-10016',
    rating: 2,
    after: '5h',
    title: 'Great oil, but one bottle arrived broken',
    helpful: ['hannah', 'tomas', 'elena', 'wei', 'fatima'],
    body: 'One of the two Reserve bottles cracked in transit and soaked the whole box. The surviving bottle is excellent, which makes it more frustrating. Ana offered a replacement straight away, but glass needs better packing than paper.',
    response: {
      by: 'ana',
      after: '2d',
      body: 'Erik, you are right, and I am sorry. Paper wasn’t enough for a long trip north. Your replacement is on its way, and from now on every bottle we ship travels in a moulded pulp sleeve. Thank you for telling us so plainly; it made us fix it.',
    },
  },
  {
    order: 'R-10017',
    rating: 5,
    after: '2d',
    title: 'Perfect gift',
    body: 'Gave the sampler to my in-laws, who are very opinionated about maple. Verdict: the Very Dark is “almost Québécois”. High praise.',
  },
  {
    order: 'R-10018',
    rating: 5,
    after: '4d',
    title: 'Signed by Lindiwe',
    helpful: ['grace'],
    body: 'The baby blanket came with a tag signed by the woman who wove it. Our daughter naps under it every day, and it gets softer with each wash.',
    response: {
      by: 'thandi',
      after: '1d',
      body: 'Sarah, Lindiwe was so happy to read this that she printed it and pinned it above her loom. Thank you!',
    },
  },
  {
    order: 'R-10019',
    rating: 3,
    after: '5d',
    title: 'Well roasted, but too mild for me',
    helpful: ['marcus', 'hannah'],
    body: 'Consistent and well roasted, no complaints about quality. It’s just a gentler espresso than I like: if you want something punchy for milk drinks, this isn’t it. The tin is great.',
    response: {
      by: 'leyla',
      after: '8h',
      body: 'Thanks for the honest review, Tomás. The Hausmischung is deliberately gentle. For milk drinks, try pulling it a little shorter (1:1.5) or ask us about our darker seasonal roast: we’ll happily swap your next tin.',
    },
  },
  {
    order: 'R-10020',
    rating: 5,
    after: '3d',
    title: 'The teapot pours perfectly',
    body: 'No drips, the built-in strainer catches even fine sencha leaves, and the unglazed inside is already darkening with use.',
  },
  {
    order: 'R-10022',
    rating: 5,
    after: '4d',
    title: 'Worth every peso',
    helpful: ['marcus', 'noah'],
    body: 'Lote 14 tobalá is extraordinary: floral, almost white pepper and jasmine. Mine is bottle 63 of 180, hand-numbered. Keeping the last third for a special occasion.',
  },
  {
    order: 'R-10024',
    rating: 5,
    after: '2d',
    title: 'Decaf that doesn’t taste like decaf',
    body: 'My evening coffee without the 3 a.m. ceiling-staring. Toffee, orange, and my partner didn’t notice the switch.',
  },
  {
    order: 'R-10026',
    rating: 4,
    after: '3d',
    title: 'Gorgeous, warmer colour than the photos',
    body: 'The rooibos runner is warmer and more orange than it looked on my screen. I like it even more in person, but worth knowing. The cushion covers are perfect.',
    response: {
      by: 'pieter',
      after: '1d',
      body: 'Thank you, Fatima! Rooibos is a lively dye and each batch comes out a little different; we have retaken the photos in daylight so the colour is truer.',
    },
  },
  {
    order: 'R-10029',
    rating: 2,
    after: '2d',
    title: 'Tasty cacao, but shipping was a saga',
    helpful: ['daniel', 'priya', 'lucas'],
    body: 'The cacao itself is good. But it took nearly three weeks to arrive, the tracking didn’t move for ten days, and I only got an answer after asking twice. Too much hassle for a 500 g parcel.',
    response: {
      by: 'mateo',
      after: '1d',
      body: 'Ahmed, thank you for your patience, and you are right to be frustrated. That route failed you and we answered too slowly. We now ship to Egypt and the region with DHL and full tracking, so the next person doesn’t have this experience.',
    },
  },
  {
    order: 'R-10030',
    rating: 4,
    after: '3d',
    title: 'Beautiful spoon',
    body: 'Lovely grain and it feels great in the hand. A bit rougher at the tip than I expected, nothing a little oil won’t fix.',
  },
  {
    order: 'R-10032',
    rating: 5,
    after: '2d',
    title: 'My new daily coffee',
    body: 'The Huila is sweet and clean as filter and surprisingly good as espresso. The tins look great on the shelf and returning them takes two minutes.',
  },
  {
    order: 'R-10036',
    rating: 5,
    after: '2d',
    title: 'The orange flash was worth the wait',
    helpful: ['priya', 'maya'],
    body: 'Kenji described each bowl so I could choose, and the one with the orange flash across the rim is even more beautiful than I imagined. The yunomi is lovely too.',
    response: {
      by: 'kenji',
      after: '1d',
      body: 'Merci, Amélie! That bowl sat next to the firebox. We are glad it went to someone who chose it on purpose.',
    },
  },
]

// ───────────────────────────────────────────────────────────── product questions

export const QUESTIONS: QuestionSeed[] = [
  {
    // Reported as spam twice (see REPORTS), still waiting for a moderator.
    product: 'galega-olives-450',
    asker: 'ahmed',
    asked: '2d',
    body: 'Wholesale Galega olives, 60% below this price. Message me on WhatsApp at +20 100 555 0199 for the catalogue.',
  },
  {
    product: 'galega-early-harvest-500',
    asker: 'hannah',
    asked: '40d',
    body: 'Is this good for frying, or should I keep it for finishing?',
    answers: [
      {
        by: 'ana',
        after: '5h',
        body: 'Frying is fine: good extra virgin oil smokes at around 210 °C. But frying burns off the pepper, so we cook with the Everyday tin and keep the early harvest for pouring raw.',
      },
    ],
  },
  {
    product: 'everyday-tin-3l',
    asker: 'marcus',
    asked: '31d',
    body: 'How long does it keep once the tin is opened?',
    answers: [
      {
        by: 'tiago',
        after: '3h',
        body: 'About three months at its best, if you keep the cap on and the tin away from the stove. It’s still good after that, just a little less fruity.',
      },
    ],
  },
  {
    product: 'olive-wood-board',
    asker: 'rachel',
    asked: '19d',
    body: 'Can it go in the dishwasher?',
    answers: [
      {
        by: 'isabela',
        after: '1d',
        body: 'I have one from them: please don’t! Warm water, dry it straight away and a few drops of oil now and then. Mine still looks new.',
      },
      {
        // Reported by the asker (see REPORTS).
        by: 'wei',
        after: '3d',
        body: 'I import the same boards from a workshop in Braga for half the price. Email me at wei.boards@example.com and I will send you the list.',
      },
    ],
  },
  {
    product: 'matcha-bowl-shino',
    asker: 'priya',
    asked: '76d',
    body: 'What are the dimensions?',
    answers: [
      { by: 'kenji', after: '20h', body: '11.5 cm across and 7.5 cm tall. It holds a 100-prong whisk comfortably.' },
    ],
  },
  {
    product: 'kyusu-teapot',
    asker: 'kenta',
    asked: '27d',
    body: 'Is the clay from Tokoname, or is it local?',
    answers: [
      {
        by: 'emi',
        after: '1d',
        body: 'It is a Shigaraki clay body that we blend with a little iron-rich local clay, which is why it darkens as it seasons.',
      },
    ],
  },
  {
    product: 'kintsugi-repair',
    asker: 'aiko',
    asked: '12d',
    body: 'Do you use real urushi or epoxy?',
    answers: [
      {
        by: 'emi',
        after: '22h',
        body: 'Real urushi, always. That is why it takes weeks: each layer cures in a humid cupboard before the next. Once cured it is food-safe.',
      },
    ],
  },
  {
    product: 'turned-maple-bowl',
    asker: 'amelie',
    asked: '44d',
    body: 'Are the dark spalting lines safe for food?',
    answers: [
      {
        by: 'ben',
        after: '6h',
        body: 'Yes. Spalting is a fungus that stopped working long before the wood was dry, and the bowl is finished with food-safe oil and wax. The lines are just a pattern now.',
      },
    ],
  },
  {
    product: 'maple-syrup-very-dark',
    asker: 'wei',
    asked: '9d',
    body: 'Is this still Grade A, or is it a lower grade?',
    answers: [
      {
        by: 'maggie',
        after: '4h',
        body: 'It’s Grade A. Since the grading change, “Very Dark Strong” is a colour and taste class within Grade A, not a lower quality.',
      },
    ],
  },
  {
    product: 'bourbon-barrel-syrup',
    asker: 'sarah',
    asked: '2d',
    body: 'Is there any alcohol left in it? I’d like to give it to my grandmother.',
  },
  {
    product: 'mohair-throw-indigo',
    asker: 'fatima',
    asked: '50d',
    body: 'Does mohair shed?',
    answers: [
      {
        by: 'pieter',
        after: '7h',
        body: 'A little for the first few weeks, like any brushed wool, then hardly at all. Give it a good shake outside and it settles down.',
      },
    ],
  },
  {
    product: 'commissioned-wall-hanging',
    asker: 'erik',
    asked: '6d',
    body: 'Can you ship a large hanging to Norway, and is it rolled or folded?',
  },
  {
    product: 'steel-burr-hand-grinder',
    asker: 'tomas',
    asked: '58d',
    body: 'Will I still be able to buy replacement burrs in five years?',
    answers: [
      {
        by: 'jonas',
        after: '2h',
        body: 'Yes: the maker guarantees spare burrs for ten years, and we keep a stock in Berlin.',
      },
    ],
  },
  {
    product: 'monthly-tin-subscription',
    asker: 'erik',
    asked: '14d',
    body: 'Do you ship the subscription outside the EU?',
    answers: [
      {
        by: 'leyla',
        after: '3h',
        body: 'Yes, to Norway, Switzerland and the UK. There is a small customs fee, and the empties come back to us with a prepaid label.',
      },
    ],
  },
  {
    product: 'mezcal-tobala-lote-14',
    asker: 'noah',
    asked: '21d',
    body: 'Will Lote 14 come back once it sells out?',
    answers: [
      {
        by: 'rosa',
        after: '1d',
        body: 'No: once a lot is gone, it is gone. The next tobalá will be a different lot from a different hillside, and it will taste different. That is the beauty of it.',
      },
    ],
  },
  { product: 'mole-negro-paste', asker: 'james', asked: '4d', body: 'How spicy is it? My kids are 6 and 9.' },
  {
    product: 'guji-natural-250',
    asker: 'olivia',
    asked: '25d',
    body: 'Does this work as espresso?',
    answers: [
      {
        by: 'hannah',
        after: '9h',
        body: 'I’ve tried: it’s wild as espresso, very fruity and a bit sour unless you pull it long. I’d get the Huila for espresso and keep this one for filter.',
      },
    ],
  },
  { product: 'undyed-baby-blanket', asker: 'aiko', asked: '1d', body: 'Is the cotton organic?' },
]

// ───────────────────────────────────────────────────────────── follows, updates, saved replies

export const FOLLOWS: Record<string, string[]> = {
  maya: ['olive-oak', 'tsuchi-studio', 'kreislauf-kaffee', 'tierra-lenta'],
  daniel: ['tsuchi-studio'],
  sofia: ['olive-oak', 'tierra-lenta'],
  james: ['olive-oak', 'sugarhouse-hollow'],
  priya: ['tsuchi-studio', 'khaya-loom'],
  lucas: ['tierra-lenta', 'khaya-loom'],
  hannah: ['kreislauf-kaffee'],
  kenta: ['tsuchi-studio'],
  amelie: ['tsuchi-studio', 'kreislauf-kaffee'],
  olivia: ['khaya-loom'],
  marcus: ['tierra-lenta', 'kreislauf-kaffee'],
  fatima: ['khaya-loom'],
  liam: ['sugarhouse-hollow', 'olive-oak'],
  chloe: ['sugarhouse-hollow'],
  noah: ['sugarhouse-hollow', 'tierra-lenta'],
  aiko: ['tsuchi-studio'],
  tomas: ['tsuchi-studio'],
  grace: ['khaya-loom', 'kreislauf-kaffee'],
  elena: ['olive-oak', 'khaya-loom'],
  wei: ['tierra-lenta'],
  sarah: ['khaya-loom'],
  erik: ['olive-oak', 'kreislauf-kaffee'],
  isabela: ['olive-oak'],
  rachel: ['sugarhouse-hollow', 'tsuchi-studio'],
}

export const SUPPLIER_UPDATES: SupplierUpdateSeed[] = [
  {
    supplier: 'olive-oak',
    by: 'ana',
    published: '45d',
    title: 'Every bottle now ships in a pulp sleeve',
    body: 'After a Reserve bottle cracked on its way to Norway, we changed how we pack. Every bottle now travels in a moulded sleeve made from recycled paper: no plastic, and it goes in your compost. Parcels are a little bigger; breakages, we hope, much rarer.',
  },
  {
    supplier: 'olive-oak',
    by: 'tiago',
    published: '12d',
    title: 'Early Harvest is back in the shop',
    body: 'We held back a few hundred bottles of Galega Early Harvest in the cellar, where it keeps cool and dark. They are in the shop now, three per order so more of you can get some.',
  },
  {
    supplier: 'tsuchi-studio',
    by: 'kenji',
    published: '26d',
    title: 'New ash-glaze yunomi',
    body: 'Twenty new yunomi came out of the last firing. The ash settled thickly on the shoulders this time, so many have a deep green run down one side. Each one is photographed separately in the shop.',
  },
  {
    supplier: 'tsuchi-studio',
    by: 'emi',
    published: '4d',
    title: 'Studio closed for the next firing',
    body: 'In about two weeks we load the climbing kiln with the other Gojōzaka studios and take turns stoking it for three days and nights. The studio is closed during the firing and we will answer messages once the kiln is cooling. Orders placed before then ship as usual.',
  },
  {
    supplier: 'sugarhouse-hollow',
    by: 'ben',
    published: '20d',
    title: 'A windstorm, and thirty cherry spoons',
    body: 'A big black cherry came down across the sugarbush road in a storm. Cal has carved thirty serving spoons from it; they are drying slowly in the barn, and the first ten are in the shop.',
  },
  {
    supplier: 'khaya-loom',
    by: 'thandi',
    published: '35d',
    title: 'Saturday classes: waitlist open',
    body: 'Our Saturday weaving classes for young women are full until the end of the term, and the waitlist is open. Every throw you buy pays for a term of lessons for one student.',
  },
  {
    supplier: 'khaya-loom',
    by: 'nomsa',
    published: '16d',
    title: 'Meet the weavers: Zanele',
    body: 'Zanele has woven with us for seven years and designed the diamond pattern on our cushion covers, which many of you ask about. She learned to weave from her grandmother in Eshowe and now teaches our Saturday beginners.',
  },
  {
    supplier: 'kreislauf-kaffee',
    by: 'jonas',
    published: '7d',
    title: '1,012 tins came home last month',
    body: 'That is 1,012 tins that didn’t become landfill, and about 250 kg of packaging we didn’t have to buy. Seventeen tins retired after more than forty trips each; they now hold screws in the workshop.',
  },
  {
    supplier: 'tierra-lenta',
    by: 'rosa',
    published: '5d',
    title: 'Up at the palenque for the tobalá',
    body: 'We are up in the hills harvesting wild tobalá for the next lot, so messages will be slow for a week or so. Orders still leave the village every Monday and Thursday.',
  },
]

// prettier-ignore
export const SAVED_REPLIES: SavedReplySeed[] = [
  { supplier: 'olive-oak', title: 'Shipping times', shortcut: '/ship', body: 'Hi {{buyer.firstName}}, we ship from Serpa within two working days, and most parcels reach the EU in three to five days. I will post the tracking for {{order.number}} here as soon as it leaves the farm. {{agent.firstName}}' },
  { supplier: 'olive-oak', title: 'Broken bottle', shortcut: '/broken', body: 'Oh no, {{buyer.firstName}}, I am so sorry. Please don’t send anything back: we will send a replacement for {{order.number}} tomorrow morning. A photo helps us talk to the courier, if you have one. {{agent.firstName}}' },
  { supplier: 'olive-oak', title: 'Storing olive oil', shortcut: '/store', body: 'Hi {{buyer.firstName}}! Keep the oil somewhere dark and cool, away from the stove, with the cap on. Cloudiness in the cold is normal and clears at room temperature.' },
  { supplier: 'tsuchi-studio', title: 'Kiln schedule', shortcut: '/kiln', body: 'Hello {{buyer.firstName}}, thank you for asking. We fire the climbing kiln four times a year, so new pieces appear a few weeks after each firing. I will write here as soon as yours is out of the kiln. {{agent.firstName}}, Tsuchi Studio' },
  { supplier: 'tsuchi-studio', title: 'Shipping from Japan', shortcut: '/ship', body: 'Hello {{buyer.firstName}}, {{order.number}} left Kyoto by Japan Post EMS. Tracking often goes quiet between Japan and the destination’s customs; that is normal. {{agent.firstName}}' },
  { supplier: 'sugarhouse-hollow', title: 'Wholesale terms', shortcut: '/wholesale', body: 'Hi {{buyer.firstName}}, thanks for your interest! Wholesale Amber Rich comes in one-gallon jugs, from five a month. Send us your business name, tax number and delivery address and we’ll put together a quote. {{agent.firstName}}' },
  { supplier: 'sugarhouse-hollow', title: 'Crystals in syrup', shortcut: '/crystals', body: 'Hi {{buyer.firstName}}, crystals are just maple sugar coming out of the syrup: completely safe. Stand the jug in warm water to dissolve them, or crunch them on ice cream. {{agent.firstName}}' },
  { supplier: 'khaya-loom', title: 'Commission process', shortcut: '/commission', body: 'Hello {{buyer.firstName}}, thank you for thinking of us! Commissions start with a short conversation about size, light and colours, then two sketches from our designer. Weaving takes about five weeks. {{agent.firstName}}, Khaya Loom' },
  { supplier: 'khaya-loom', title: 'Delivery update', shortcut: '/track', body: 'Hi {{buyer.firstName}}, I have checked on {{order.number}} with the courier and it is on its way. International parcels can take up to three weeks from Cape Town. {{agent.firstName}}' },
  { supplier: 'kreislauf-kaffee', title: 'Returning tins', shortcut: '/tins', body: 'Hi {{buyer.firstName}}! The free return label is under the cardboard insert in your box. Empty tins go back in the same box to any DHL point; no need to wash them. {{agent.firstName}}' },
  { supplier: 'kreislauf-kaffee', title: 'Grind sizes', shortcut: '/grind', body: 'Hi {{buyer.firstName}}, tell us how you brew (espresso, moka, V60, French press) and we’ll grind {{order.number}} to match. Ground coffee is best within three weeks. {{agent.firstName}}' },
  { supplier: 'tierra-lenta', title: 'Shipping spirits abroad', shortcut: '/aduana', body: 'Hola {{buyer.firstName}}, thank you for your order {{order.number}}. Spirits sometimes need an extra customs form in the destination country; if the courier asks, please answer them directly so your details stay private. {{agent.firstName}}, Tierra Lenta' },
  { supplier: 'tierra-lenta', title: 'Sold-out lots', shortcut: '/lote', body: 'Hola {{buyer.firstName}}! Each lot is small and never repeats. If you follow us, you will hear when the next one is bottled. {{agent.firstName}}' },
]

// ───────────────────────────────────────────────────────────── reports and moderation

// prettier-ignore
export const REPORTS: ReportSeed[] = [
  // Open: a critical review a fan doubts (moderators will likely keep it), an advert posing as an
  // answer, and a spam question reported by a buyer and by the supplier's own agent.
  { target: { review: 'R-10016' }, by: 'isabela', reason: 'FAKE_REVIEW', reported: '3d', details: 'I have ordered from them five times and nothing ever arrived broken.' },
  { target: { answer: 'I import the same boards' }, by: 'rachel', reason: 'OFF_PLATFORM_CONTACT', reported: '20h', details: 'This is an advert, not an answer to my question.' },
  { target: { question: 'Wholesale Galega olives' }, by: 'hannah', reason: 'SPAM', reported: '1d' },
  { target: { question: 'Wholesale Galega olives' }, by: 'olive-oak/tiago', reason: 'SPAM', reported: '22h' },
  // Decided: the insulting review is hidden; its place says why.
  {
    target: { review: 'R-10028' },
    by: 'olive-oak/ana',
    reason: 'ABUSE',
    reported: '6d',
    details: 'Calls me a liar and a thief by name.',
    decision: { by: 'priscila', after: '10h', action: 'HIDE', reason: 'Personal insults against a named member of staff. A complaint about the jar is welcome without them.' },
  },
]
