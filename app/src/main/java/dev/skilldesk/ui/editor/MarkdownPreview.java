package dev.skilldesk.ui.editor;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * The rendered preview beside the source: the SKILL.md's body through CommonMark (with GitHub tables) drawn
 * as JavaFX nodes (headings, paragraphs with emphasis, code and links, lists, code blocks, quotes, tables),
 * not a browser. The frontmatter is not part of it: the form and the findings show that. Links are shown with
 * their target as a tooltip; nothing is fetched (images show their alt text).
 */
public final class MarkdownPreview extends ScrollPane {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private final VBox page = new VBox(8);

    public MarkdownPreview() {
        setId("markdownPreview");
        getStyleClass().add("markdown-preview");
        page.getStyleClass().add("md-page");
        page.setPadding(new Insets(12, 16, 16, 16));
        setContent(page);
        setFitToWidth(true);
    }

    /** Renders {@code markdown} (a body without frontmatter). */
    public void show(String markdown) {
        page.getChildren().setAll(blocks(PARSER.parse(markdown == null ? "" : markdown)));
        if (page.getChildren().isEmpty()) {
            Label empty = new Label("Nothing to preview yet: the body under the frontmatter shows here.");
            empty.getStyleClass().add("empty-state");
            page.getChildren().add(empty);
        }
    }

    /** The nodes shown, for tests. */
    public VBox page() {
        return page;
    }

    private List<Node> blocks(org.commonmark.node.Node parent) {
        List<Node> out = new ArrayList<>();
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            Node b = block(n);
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    private Node block(org.commonmark.node.Node n) {
        if (n instanceof Heading h) {
            TextFlow f = inline(h);
            f.getStyleClass().addAll("md-heading", "md-h" + Math.min(h.getLevel(), 4));
            return f;
        }
        if (n instanceof Paragraph p) {
            TextFlow f = inline(p);
            f.getStyleClass().add("md-paragraph");
            return f;
        }
        if (n instanceof FencedCodeBlock c) {
            return codeBlock(c.getLiteral());
        }
        if (n instanceof IndentedCodeBlock c) {
            return codeBlock(c.getLiteral());
        }
        if (n instanceof HtmlBlock html) {
            return codeBlock(html.getLiteral());
        }
        if (n instanceof BulletList || n instanceof OrderedList) {
            return list(n);
        }
        if (n instanceof BlockQuote q) {
            VBox box = new VBox(6);
            box.getStyleClass().add("md-quote");
            box.getChildren().setAll(blocks(q));
            return box;
        }
        if (n instanceof ThematicBreak) {
            return new Separator();
        }
        if (n instanceof TableBlock t) {
            return table(t);
        }
        return null;
    }

    private Node codeBlock(String literal) {
        Label code = new Label(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
        code.getStyleClass().add("md-code-block");
        code.setWrapText(false);
        code.setMaxWidth(Double.MAX_VALUE);
        ScrollPane scroll = new ScrollPane(code);
        scroll.getStyleClass().add("md-code-scroll");
        scroll.setFitToHeight(true);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private Node list(org.commonmark.node.Node list) {
        VBox box = new VBox(4);
        box.getStyleClass().add("md-list");
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label marker = new Label(list instanceof OrderedList ? (number++) + "." : "•");
            marker.getStyleClass().add("md-list-marker");
            marker.setMinWidth(22);
            VBox content = new VBox(4);
            content.getChildren().setAll(blocks(item));
            HBox row = new HBox(4, marker, content);
            HBox.setHgrow(content, Priority.ALWAYS);
            box.getChildren().add(row);
        }
        return box;
    }

    private Node table(TableBlock t) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        int r = 0;
        for (org.commonmark.node.Node section = t.getFirstChild(); section != null; section = section.getNext()) {
            for (org.commonmark.node.Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) {
                    continue;
                }
                int c = 0;
                for (org.commonmark.node.Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    TextFlow f = inline(cell);
                    f.getStyleClass().add("md-cell");
                    if (cell instanceof TableCell tc && tc.isHeader()) {
                        f.getStyleClass().add("md-header-cell");
                    }
                    grid.add(f, c++, r);
                }
                r++;
            }
        }
        return grid;
    }

    /** The inline content of a block as one text flow. */
    private TextFlow inline(org.commonmark.node.Node block) {
        TextFlow flow = new TextFlow();
        addInline(block, flow, List.of());
        return flow;
    }

    private void addInline(org.commonmark.node.Node parent, TextFlow flow, List<String> styles) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                flow.getChildren().add(text(t.getLiteral(), styles));
            } else if (n instanceof Code c) {
                flow.getChildren().add(text(c.getLiteral(), with(styles, "md-code")));
            } else if (n instanceof Emphasis) {
                addInline(n, flow, with(styles, "md-em"));
            } else if (n instanceof StrongEmphasis) {
                addInline(n, flow, with(styles, "md-strong"));
            } else if (n instanceof Link link) {
                int from = flow.getChildren().size();
                addInline(n, flow, with(styles, "md-link"));
                for (Node added : flow.getChildren().subList(from, flow.getChildren().size())) {
                    Tooltip.install(added, new Tooltip(link.getDestination()));
                }
            } else if (n instanceof Image img) {
                flow.getChildren().add(text("[image: " + plain(img) + "]", with(styles, "md-em")));
            } else if (n instanceof SoftLineBreak) {
                flow.getChildren().add(text(" ", styles));
            } else if (n instanceof HardLineBreak) {
                flow.getChildren().add(text("\n", styles));
            } else if (n instanceof HtmlInline html) {
                flow.getChildren().add(text(html.getLiteral(), with(styles, "md-code")));
            } else {
                addInline(n, flow, styles);
            }
        }
    }

    private static String plain(org.commonmark.node.Node n) {
        StringBuilder b = new StringBuilder();
        for (org.commonmark.node.Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof org.commonmark.node.Text t) {
                b.append(t.getLiteral());
            } else {
                b.append(plain(c));
            }
        }
        return b.toString();
    }

    private static Text text(String s, List<String> styles) {
        Text t = new Text(s);
        t.getStyleClass().add("md-text");
        t.getStyleClass().addAll(styles);
        return t;
    }

    private static List<String> with(List<String> styles, String style) {
        List<String> out = new ArrayList<>(styles);
        out.add(style);
        return out;
    }
}
