/* Building DOM from data, for the panel and the options page: elements are made with DOM
 * APIs and text goes in as text nodes, never as HTML, because tips and settings carry tweet
 * text and the helper's words. */
(() => {
  'use strict';
  const ns = (globalThis.Backchannel ??= {});

  /** `<tag …attributes>children</tag>`: `className` sets the class; null, undefined and false
   * leave an attribute out, true sets it empty; children are nodes or text. */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'className') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  ns.dom = Object.freeze({ el });
})();
