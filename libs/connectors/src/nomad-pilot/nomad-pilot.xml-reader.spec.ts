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
