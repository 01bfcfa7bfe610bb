/**
 * A small XML reader for the delivery-order callback's element subset: elements, text, CDATA,
 * the five predefined entities and character references. No XML library is installed, and the
 * callback needs no more. It is safe by construction: a DOCTYPE (and with it every entity
 * declaration, external or expanding) is refused, so nothing is ever expanded or fetched;
 * attributes are read only to be counted and skipped; size, nesting depth, attributes per element
 * and the number of elements are bounded. Every step is linear in the input.
 */

export interface XmlElement {
  readonly name: string;
  readonly children: readonly XmlElement[];
  /** The element's own text (CDATA included), trimmed. */
  readonly text: string;
}

export class XmlReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlReadError';
  }
}

export interface XmlLimits {
  /** Characters of the whole document. */
  readonly maxLength: number;
  readonly maxDepth: number;
  readonly maxAttributesPerElement: number;
  readonly maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxLength: 1_048_576, maxDepth: 32, maxAttributesPerElement: 32, maxElements: 20_000 };

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE_NAME = /[^\s=/>"'<]+/y;
const SPACE = /\s*/y;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const MAX_CODE_POINT = 0x10ffff;

function characterOf(reference: string, whole: string): string {
  const code = reference.startsWith('#x') ? parseInt(reference.slice(2), 16) : parseInt(reference.slice(1), 10);
  // XML's Char production: no NUL, no lone surrogates, nothing past Unicode.
  if (!Number.isSafeInteger(code) || code === 0 || code > MAX_CODE_POINT || (code >= 0xd800 && code <= 0xdfff))
    throw new XmlReadError(`invalid character reference ${whole}`);
  return String.fromCodePoint(code);
}

function decodeText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,8}|#\d{1,8}|[A-Za-z][\w.-]{0,31});/g, (whole, entity: string) => {
    if (entity.startsWith('#')) return characterOf(entity, whole);
    const known = ENTITIES[entity];
    if (known === undefined) throw new XmlReadError(`unknown entity ${whole} (no DTD is read, so only the five predefined entities exist)`);
    return known;
  });
}

interface OpenElement {
  name: string;
  children: XmlElement[];
  text: string;
}

export function readXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  if (xml.length > limits.maxLength) throw new XmlReadError(`document longer than ${limits.maxLength} characters`);
  refuseTooManyTags(xml, limits.maxElements);
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  let elements = 0;
  let i = 0;
  const close = (element: XmlElement): void => {
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = element;
    else parent.children.push(element);
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = lt < 0 ? xml.slice(i) : xml.slice(i, lt);
    if (text.trim() !== '') {
      const open = stack[stack.length - 1];
      if (open === undefined) throw new XmlReadError('text outside the root element');
      open.text += decodeText(text);
    }
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      i = after(xml, '?>', lt);
    } else if (xml.startsWith('<!--', lt)) {
      i = after(xml, '-->', lt);
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0) throw new XmlReadError('unterminated CDATA section');
      const open = stack[stack.length - 1];
      if (open === undefined) throw new XmlReadError('CDATA outside the root element');
      open.text += xml.slice(lt + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      throw new XmlReadError('DOCTYPE and declarations are not accepted (no entity is expanded, no external reference followed)');
    } else if (xml.startsWith('</', lt)) {
      const end = after(xml, '>', lt);
      const name = xml.slice(lt + 2, end - 1).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name) throw new XmlReadError(`unexpected closing tag </${name.slice(0, 64)}>`);
      close({ name: open.name, children: open.children, text: open.text.trim() });
      i = end;
    } else {
      const tag = readStartTag(xml, lt, limits.maxAttributesPerElement);
      if (root !== undefined) throw new XmlReadError('more than one root element');
      elements += 1;
      if (elements > limits.maxElements) throw new XmlReadError(`more than ${limits.maxElements} elements`);
      if (tag.selfClosing) {
        close({ name: tag.name, children: [], text: '' });
      } else {
        if (stack.length >= limits.maxDepth) throw new XmlReadError(`nesting deeper than ${limits.maxDepth}`);
        stack.push({ name: tag.name, children: [], text: '' });
      }
      i = tag.end;
    }
  }
  if (stack.length > 0) throw new XmlReadError(`unclosed element <${stack[stack.length - 1]?.name ?? ''}> (truncated document?)`);
  if (root === undefined) throw new XmlReadError('no root element');
  return root;
}

/**
 * Every element costs at most two `<` (start and end tag): a document with far more `<` than the
 * element limit allows is refused by one native scan, before anything is built.
 */
function refuseTooManyTags(xml: string, maxElements: number): void {
  const allowed = 2 * maxElements + 64;
  let count = 0;
  for (let at = xml.indexOf('<'); at >= 0; at = xml.indexOf('<', at + 1)) {
    count += 1;
    if (count > allowed) throw new XmlReadError(`more than ${maxElements} elements`);
  }
}

/** A start tag from `<` to `>`, quote-aware (a `>` inside an attribute value does not end it); attributes are counted, not kept. */
function readStartTag(xml: string, lt: number, maxAttributes: number): { name: string; selfClosing: boolean; end: number } {
  NAME.lastIndex = lt + 1;
  const name = NAME.exec(xml)?.[0];
  if (name === undefined) throw new XmlReadError(`malformed tag at ${lt}`);
  let at = lt + 1 + name.length;
  let attributes = 0;
  for (;;) {
    SPACE.lastIndex = at;
    SPACE.exec(xml);
    at = SPACE.lastIndex;
    if (at >= xml.length) throw new XmlReadError(`unterminated tag <${name}> (truncated document?)`);
    if (xml.startsWith('/>', at)) return { name, selfClosing: true, end: at + 2 };
    if (xml[at] === '>') return { name, selfClosing: false, end: at + 1 };
    ATTRIBUTE_NAME.lastIndex = at;
    const attribute = ATTRIBUTE_NAME.exec(xml)?.[0];
    if (attribute === undefined) throw new XmlReadError(`malformed attribute in <${name}>`);
    attributes += 1;
    if (attributes > maxAttributes) throw new XmlReadError(`more than ${maxAttributes} attributes on <${name}>`);
    at = ATTRIBUTE_NAME.lastIndex;
    SPACE.lastIndex = at;
    SPACE.exec(xml);
    at = SPACE.lastIndex;
    if (xml[at] !== '=') throw new XmlReadError(`attribute ${attribute.slice(0, 64)} of <${name}> has no value`);
    SPACE.lastIndex = at + 1;
    SPACE.exec(xml);
    at = SPACE.lastIndex;
    const quote = xml[at];
    if (quote !== '"' && quote !== "'") throw new XmlReadError(`attribute ${attribute.slice(0, 64)} of <${name}> is not quoted`);
    const closing = xml.indexOf(quote, at + 1);
    if (closing < 0) throw new XmlReadError(`unterminated attribute value in <${name}> (truncated document?)`);
    if (xml.slice(at + 1, closing).includes('<')) throw new XmlReadError(`'<' in an attribute value of <${name}>`);
    at = closing + 1;
  }
}

function after(xml: string, token: string, from: number): number {
  const at = xml.indexOf(token, from);
  if (at < 0) throw new XmlReadError(`unterminated markup at ${from} (truncated document?)`);
  return at + token.length;
}

export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

export function childrenOf(element: XmlElement | undefined, name: string): readonly XmlElement[] {
  return element === undefined ? [] : element.children.filter((child) => child.name === name);
}

/**
 * The texts of an element's leaf children, by name: how the callback's flat records read. A
 * prototype-less record, so an element named `__proto__` is just a key.
 */
export function leafTexts(element: XmlElement): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const child of element.children) if (child.children.length === 0) out[child.name] = child.text;
  return out;
}
