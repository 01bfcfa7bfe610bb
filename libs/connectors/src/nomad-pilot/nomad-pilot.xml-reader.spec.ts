import { childOf, leafTexts, readXml, XmlReadError } from './nomad-pilot.xml-reader';

describe('the callback XML reader', () => {
  it('reads elements, entities, character references and CDATA, ignoring attributes, comments and the declaration', () => {
    const root = readXml(
      '<?xml version="1.0"?><!-- c --><request a="1"><x>a &amp; b &#20013;&#x6587;</x><y><![CDATA[<raw> & ]]></y><z/></request>',
    );
    expect(root.name).toBe('request');
    expect(leafTexts(root)).toEqual({ x: 'a & b 中文', y: '<raw> &', z: '' });
    expect(childOf(root, 'z')?.children).toEqual([]);
  });

  it("reads a '>' inside a quoted attribute value as part of the value, not the end of the tag", () => {
    expect(leafTexts(readXml('<r a="x > y" b=\'z\'><x>1</x></r>'))).toEqual({ x: '1' });
  });

  it('keeps an element named __proto__ as a plain key', () => {
    const texts = leafTexts(readXml('<r><__proto__>p</__proto__></r>'));
    expect(Object.keys(texts)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(texts)).toBeNull();
  });

  it('applies the limits it is given', () => {
    const limits = { maxLength: 1000, maxDepth: 3, maxAttributesPerElement: 2, maxElements: 5 };
    expect(() => readXml('<a><b><c><d/></c></b></a>', limits)).not.toThrow();
    expect(() => readXml('<a><b><c><d></d></c></b></a>', limits)).toThrow(/deeper than 3/);
    expect(() => readXml('<a x="1" y="2" z="3"/>', limits)).toThrow(/more than 2 attributes/);
    expect(() => readXml('<a><b/><b/><b/><b/><b/></a>', limits)).toThrow(/more than 5 elements/);
    expect(() => readXml(`<a>${'x'.repeat(1000)}</a>`, limits)).toThrow(/longer than 1000/);
  });

  it.each([
    ['a DOCTYPE (entity expansion, external entities)', '<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>'],
    ['an unknown entity', '<r>&e;</r>'],
    ['mismatched tags', '<r><a></b></r>'],
    ['an unclosed element', '<r><a>'],
    ['two roots', '<r/><s/>'],
    ['text outside the root', 'hello'],
    ['nesting deeper than 32', `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`],
  ])('refuses %s', (_case, xml) => {
    expect(() => readXml(xml)).toThrow(XmlReadError);
  });
});
