/**
 * A small XML reader for the delivery-order callback's element subset: elements, text, CDATA,
 * the five predefined entities and character references. No XML library is installed, and the
 * callback needs no more. It is safe by construction: a DOCTYPE (and with it every entity
 * declaration, external or expanding) is refused, attributes are ignored, and input size and
 * nesting depth are bounded.
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

const MAX_LENGTH = 1_000_000;
const MAX_DEPTH = 32;
const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    const known = ENTITIES[entity];
    if (known === undefined) throw new XmlReadError(`unknown entity ${whole}`);
    return known;
  });
}

interface OpenElement {
  name: string;
  children: XmlElement[];
  text: string;
}

export function readXml(xml: string): XmlElement {
  if (xml.length > MAX_LENGTH) throw new XmlReadError(`document longer than ${MAX_LENGTH} characters`);
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
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
      throw new XmlReadError('DOCTYPE and declarations are not accepted');
    } else if (xml.startsWith('</', lt)) {
      const end = after(xml, '>', lt);
      const name = xml.slice(lt + 2, end - 1).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name) throw new XmlReadError(`unexpected closing tag </${name}>`);
      const element: XmlElement = { name: open.name, children: open.children, text: open.text.trim() };
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = element;
      else parent.children.push(element);
      i = end;
    } else {
      const end = after(xml, '>', lt);
      const inner = xml.slice(lt + 1, end - 1);
      const name = NAME.exec(inner)?.[0];
      if (name === undefined) throw new XmlReadError(`malformed tag at ${lt}`);
      if (root !== undefined) throw new XmlReadError('more than one root element');
      if (inner.trimEnd().endsWith('/')) {
        const element: XmlElement = { name, children: [], text: '' };
        const parent = stack[stack.length - 1];
        if (parent === undefined) root = element;
        else parent.children.push(element);
      } else {
        if (stack.length >= MAX_DEPTH) throw new XmlReadError(`nesting deeper than ${MAX_DEPTH}`);
        stack.push({ name, children: [], text: '' });
      }
      i = end;
    }
  }
  if (stack.length > 0) throw new XmlReadError(`unclosed element <${stack[stack.length - 1]?.name ?? ''}>`);
  if (root === undefined) throw new XmlReadError('no root element');
  return root;
}

function after(xml: string, token: string, from: number): number {
  const at = xml.indexOf(token, from);
  if (at < 0) throw new XmlReadError(`unterminated markup at ${from}`);
  return at + token.length;
}

export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

export function childrenOf(element: XmlElement | undefined, name: string): readonly XmlElement[] {
  return element === undefined ? [] : element.children.filter((child) => child.name === name);
}

/** The texts of an element's leaf children, by name: how the callback's flat records read. */
export function leafTexts(element: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const child of element.children) if (child.children.length === 0) out[child.name] = child.text;
  return out;
}
