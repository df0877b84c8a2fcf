/** Text made safe to put in HTML, inside elements and in quoted attributes alike. */
export function escapeHtml(text: string | number): string {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * JSON to embed in a `<script type="application/json">`: `<` is escaped so that no value (a
 * design name such as `</script>`) can close the element early.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** Script text to inline in a `<script>`: a `</script` inside it would end the element. */
export function inlineScript(source: string): string {
  return source.replaceAll(/<\/(script)/gi, '<\\/$1');
}
