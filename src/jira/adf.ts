/**
 * The one place the app writes Atlassian Document Format: every description and comment it sends
 * to Jira is plain text made into a document here. Jira refuses a document that breaks the ADF
 * schema (an empty text node, say) with 400 INVALID_INPUT, so a blank line is left out rather than
 * sent as empty text.
 */

/**
 * A plain-text comment or description as Atlassian Document Format, one paragraph per line. Any line
 * end counts (Jira's and ServiceNow's messages may carry Windows ones), so no stray carriage return
 * is left in a paragraph.
 */
export function adfParagraphs(text: string): unknown {
  return {
    type: 'doc',
    version: 1,
    content: text
      .split(/\r\n|\r|\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}
