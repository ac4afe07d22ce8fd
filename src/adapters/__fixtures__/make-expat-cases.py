"""Regenerates expat-cases.json: what Python's `xml.etree.ElementTree.fromstring` (expat) makes of LM-style XML:
the element tree (tag, attrib, text, tail, children) or the ParseError text with its line/column.
Run: python3 <this file> > expat-cases.json (plain CPython 3.11; never run by the build or the tests).
"""
import json
import sys
import xml.etree.ElementTree as ET

BODIES = [
    "<answer>Paris</answer>", "<answer>a < b</answer>", "<answer>x & y</answer>", "<a>&nbsp;</a>", "<a>&#0;</a>",
    "<a>&#x41;&amp;&lt;&gt;&quot;&apos;</a>", "<a><b c=1></b></a>", '<a><b c="1" c="2"></b></a>', "<a><x:b></x:b></a>",
    "<a><!-- c --></a>", "<a><![CDATA[x<y]]></a>", "<a><![CDATA[x</a>", "<a><?pi x?></a>", '<a><?xml version="1.0"?></a>',
    "<a>]]></a>", "<a><b/ ></a>", "<a><1b></1b></a>", "<a><b>\x00</b></a>", "<a>\x01</a>", "<a><b\n></a>", "<a>🙂<b></a>",
    "<a><!DOCTYPE x></a>", '<a><b attr="<"></b></a>', '<a><b attr="&"></b></a>', "<a>\r\nx\ry</a>", "<a><b></c></a>",
    "<a><b></b ></a>", "<a><b></ b></a>", "<a><b>x</b\n></a>", "<a><é>1</é></a>", '<a><b:c xmlns:b="u">1</b:c></a>',
    "<a>&#xD800;</a>", "<a>&#65;</a>", "<a><b/><b/></a>", "<a>\ufffe</a>", "AT&T ok", "AT&T;", "&amp", "& ", "&#;",
    "&#12a;", "x<=y", "i<3", "a<", "<b attr></b>", "<b x='1'/>", "a<b", "<b", '<b x="1"y="2"/>', "-->x", "<!- x -->",
    "<!-- a -- b -->", "x&#x110000;", "\x0b", "tab\tok", "<b ='1'></b>", '<b x="1></b>', "<b>x</B>", "<_b.c-d>1</_b.c-d>",
    "<b:>1</b:>", "<:b>1</:b>", "<xmlns:b>1</xmlns:b>", '<b xmlns:c="">1</b>', '<b c:d="1">1</b>', "&lt", "&#x;",
    "&#9999999999;", "<?xml-stylesheet x?>", "<?XmL x?>", "\uffff", "\x7f\x80", "<b>x</b>text<c>y</c>tail",
    "<translation>{'ok': True}", '<facts>\nquote " inside', "<label>Literal['positive']\n",
    "<rating>\n[[43], [-25, -21, -18]]\n</rating><context>\nx < y && y > z</context>", "<numbers>\n[]<verdict>true\n</verdict>",
    "<count>\n33.0", "<answer><city>Paris</city><zip>75</zip></answer>", "<tags><item>a</item><item>b</item></tags>",
    '<m><entry key="a b">1</entry><entry key="c">2</entry></m>', "<x>  spaced  </x>\n\n<y>\n multi\n line \n</y>",
    "<a>1</a><a>2</a>", "<s>text <b>bold</b> more</s>", '<s>pre<i k="v&amp;w">it</i>post<e/>end</s>', "</dspy_root><x/>",
    "<!-- x", "<?pi x", "<b x='1", "<", "<a>", "<![CDATA[", "<!", "<!-", "&", "<a><b></a></b>", '<d xmlns="urn:x"><e>1</e></d>',
    "<a>\u2028line</a>", "<a>\x85</a>", "<ÿ/>", "<a\u00b7b/>", "<a-b/>", "<a.b/>", "<é·/>", "<x>&#x1F642;</x>",
    "<x>a\r\n\r\nb</x>", "<x a='\r\n\t'/>", "<x>\n<y>1</y>\n<y>2</y>\n</x>", "<x a='🙂 &#x1F642;'>🙂</x>",
]


def dump(e):
    return {"tag": e.tag, "attrib": dict(e.attrib), "text": e.text, "tail": e.tail, "children": [dump(c) for c in e]}


cases = []
for body in BODIES:
    text = f"<dspy_root>{body}</dspy_root>"
    try:
        cases.append({"xml": text, "tree": dump(ET.fromstring(text))})
    except ET.ParseError as e:
        cases.append({"xml": text, "error": str(e)})
json.dump(cases, sys.stdout, ensure_ascii=False, indent=0)
sys.stdout.write("\n")
