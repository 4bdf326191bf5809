/** Types derived from the English messages: the codes, and the shape every language must fill. */
import type { messagesEn } from './en'

/** The same tree of keys with a string at every leaf: what each language provides. */
type Wording<T> = { [K in keyof T]: T[K] extends string ? string : Wording<T[K]> }
export type MessageResources = Wording<typeof messagesEn>

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>
}[keyof T & string]
/** i18next plural keys (`x_one`, `x_other`) are one code `x`. */
type Base<K extends string> = K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? B : K

/** Every message code main may send, e.g. 'db.busy' or 'files.notRegular'. */
export type MessageCode = Base<Leaves<typeof messagesEn>>
