package dev.skilldesk.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trust check's rule for fetched or decoded text that reaches an evaluator or a shell, in sh/bash, Python, Node,
 * Ruby, Perl and PowerShell: {@code eval(d)} where {@code d} was filled from {@code https.get}, a command line built
 * from {@code $(echo … | base64 -d)}, {@code iex $r.Content} after {@code $r = iwr …}. It follows the text through a
 * file the way a reviewer would, line by line:
 * <ol>
 * <li>a <em>source</em> is a network fetch or a decoder ({@link #FETCH}, {@link #DECODE}); a line holding one (or a
 *     name already tainted) taints the names it assigns from it and the parameters of the callbacks it declares
 *     ({@code r => …}, {@code |body|}); an assignment from clean text clears a name again;</li>
 * <li>a <em>sink</em> is an evaluator or a shell ({@link #SINK}); it fires when what follows it on its line holds a
 *     source or a tainted name;</li>
 * <li>in a shell, a command substitution in a command's place that decodes or fetches ({@code $(… | base64 -d) -s
 *     URL}) fires by itself: the command that runs is the decoded text.</li>
 * </ol>
 * Not a parser: it reads what a line says, so text that only mentions the words (prose, a string) can fire, and text
 * split across helpers it cannot see does not. The corpus stays quiet (AuditRulesTest).
 */
final class EvaluatorFlow {
    private EvaluatorFlow() {
    }

    /** Network fetches, in the six languages. */
    static final Pattern FETCH = Pattern.compile(
            "\\b(curl|wget)\\b|\\b(Invoke-WebRequest|Invoke-RestMethod|iwr|irm|Start-BitsTransfer)\\b"
                    + "|\\.Download(String|Data|File)\\b|Net\\.WebClient"
                    + "|\\brequests\\.(get|post|request)\\s*\\(|\\burlopen\\s*\\(|\\burlretrieve\\s*\\(|\\bhttpx\\.(get|post|stream|Client)"
                    + "|\\bhttp\\.client\\b|\\baiohttp\\b|\\.recv\\s*\\("
                    + "|\\bhttps?\\.(get|request)\\s*\\(|require\\s*\\(\\s*['\"](https?|node-fetch|axios|got)['\"]\\s*\\)"
                    + "|\\bfetch\\s*\\(|\\baxios(\\.(get|post|request))?\\s*\\(|\\bgot(\\.get)?\\s*\\(|XMLHttpRequest"
                    + "|Net::HTTP|\\bURI\\.open\\b|\\bopen-uri\\b|\\bHTTParty\\b|\\bFaraday\\b|\\bRestClient\\b"
                    + "|LWP::Simple|LWP::UserAgent|HTTP::Tiny|\\bgetstore\\s*\\(|->get\\s*\\(\\s*['\"$]",
            Pattern.CASE_INSENSITIVE);

    /** Decoders that turn an unreadable string into code. */
    static final Pattern DECODE = Pattern.compile(
            "\\bbase64\\s+(-d|--decode|-D)\\b|\\bxxd\\s+-r|\\bopenssl\\s+(enc\\s+)?(-?base64|-a)\\b[^\\n]*\\s-d\\b"
                    + "|\\brev\\s*<<<|\\|\\s*rev\\b"
                    + "|\\b(b64decode|b32decode|b85decode|decodebytes|unhexlify|a2b_base64|a2b_hex)\\s*\\(|\\bcodecs\\.decode\\s*\\("
                    + "|\\bbytes\\.fromhex\\s*\\(|\\bzlib\\.decompress\\s*\\(|\\bmarshal\\.loads\\s*\\("
                    + "|\\batob\\s*\\(|Buffer\\.from\\s*\\([^)]*['\"](base64|hex)['\"]"
                    + "|Base64\\.(strict_|urlsafe_)?decode64|\\.unpack1?\\s*\\(?\\s*['\"]m0?['\"]"
                    + "|\\bdecode_base64\\s*\\(|\\bpack\\s*\\(?\\s*['\"]H\\*"
                    + "|\\b(printf|echo\\s+-e)\\s+['\"]?(\\\\x[0-9a-f]{2}){2}"
                    + "|FromBase64String|\\[System\\.Text\\.Encoding\\]::\\w+\\.GetString|\\[Text\\.Encoding\\]::\\w+\\.GetString",
            Pattern.CASE_INSENSITIVE);

    /** Evaluators and shells: what runs text as code. */
    static final Pattern SINK = Pattern.compile(
            "(?<![\\w.$-])eval\\b|(?<![\\w.])exec\\s*\\(|(?<![\\w.])(ba|z|da|k)?sh\\s+(-\\w+\\s+)*-c\\b|\\bsource\\s+<\\("
                    + "|(?<![\\w.])(ba|z)?sh\\s+(<\\(|<<<)|\\b(python3?|perl|ruby|node)\\s+-(c|e)\\b"
                    + "|\\bcompile\\s*\\(|\\bos\\.(system|popen)\\s*\\(|\\bsubprocess\\.\\w+\\s*\\([^\\n]*shell\\s*=\\s*True"
                    + "|\\bpickle\\.loads?\\s*\\(|\\bnew\\s+Function\\s*\\(|(?<![\\w.])Function\\s*\\(\\s*[\\w'\"]"
                    + "|\\bvm\\.(runIn\\w+|Script|compileFunction)\\b|\\bexecSync\\s*\\(|\\bchild_process\\b[^\\n]*\\.exec\\w*\\s*\\("
                    + "|\\bmodule\\._compile\\b|\\b(instance|class|module)_eval\\b|(?<![\\w.])system\\s*[(\\s]|%x[({\\[]|\\bIO\\.popen\\b"
                    + "|\\bqx\\s*[({/]|`[^`\\n]*\\$"
                    + "|\\biex\\b|Invoke-Expression|\\[scriptblock\\]::Create|ScriptBlock\\]::Create|\\.InvokeScript\\b"
                    + "|\\bpowershell(\\.exe)?\\b[^\\n]*\\s-(e|enc|encodedcommand)\\s",
            Pattern.CASE_INSENSITIVE);

    /** A shell command whose command word is a substitution that decodes or fetches. */
    private static final Pattern SUBSTITUTED_COMMAND = Pattern.compile(
            "(^|[;&|({]\\s*|\\b(then|do|else|exec)\\s+)[\"']?(\\$\\(|`)[^)`]*(\\bbase64\\s+(-d|--decode|-D)\\b|\\bxxd\\s+-r"
                    + "|\\bopenssl\\b[^)`]*\\s-d\\b|\\b(curl|wget|gunzip|zcat)\\b|\\|\\s*rev\\b|\\brev\\s*<<<|\\bprintf\\s+['\"]\\\\x)");

    /** A shell line whose command word is a variable: {@code "$cmd"} or {@code $cmd --flag} (not PowerShell's {@code $r.x | …}). */
    private static final Pattern COMMAND_VARIABLE = Pattern.compile(
            "^\\s*(?:\"\\$\\{?([A-Za-z_]\\w*)\\}?\"|\\$\\{?([A-Za-z_]\\w*)\\}?(?=\\s+(?!-(eq|ne|gt|lt|ge|le|like|notlike|match|notmatch|contains|notcontains|in|notin|is|isnot|and|or|replace|split|join)\\b)[\\w./-]))");

    /** Assignments: {@code x = …}, {@code let x = …}, {@code my $x = …}, {@code $x = …}, {@code x+=…}, {@code x=$(…)}. */
    private static final Pattern ASSIGN = Pattern.compile(
            "(?:\\b(?:let|const|var|my|local|our|export|readonly)\\s+)?([$@]?[A-Za-z_][\\w]*)\\s*(?:\\+|\\.|\\|\\||\\?\\?)?=(?![=~>])");
    /** Callback parameters: {@code (a, b) =>}, {@code a =>}, {@code function (a)}, Ruby's {@code |a, b|}, {@code as a}, {@code for a in}. */
    private static final Pattern PARAMS = Pattern.compile(
            "\\(\\s*([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s*\\)\\s*=>|\\b([A-Za-z_]\\w*)\\s*=>|\\bfunction\\s*\\w*\\s*\\(([^)]*)\\)"
                    + "|\\|\\s*([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s*\\||\\bas\\s+([A-Za-z_]\\w*)|\\bfor\\s+([A-Za-z_]\\w*)\\s+in\\b");

    /** What the rule finds in a file at {@code path}: in Markdown, in its fenced code (prose names commands, it runs none). */
    static List<AuditRules.Hit> find(String path, String text) {
        return find(path != null && path.toLowerCase(java.util.Locale.ROOT).endsWith(".md") ? fencedCodeOnly(text) : text);
    }

    /** {@code text} with every line outside fenced code blocks blanked (line numbers kept). */
    static String fencedCodeOnly(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(text.length());
        boolean fenced = false;
        for (String l : text.split("\n", -1)) {
            String t = l.stripLeading();
            if (t.startsWith("```") || t.startsWith("~~~")) {
                fenced = !fenced;
                b.append('\n');
            } else {
                b.append(fenced ? l : "").append('\n');
            }
        }
        return b.toString();
    }

    /** What the rule finds in one file's text. */
    static List<AuditRules.Hit> find(String text) {
        List<AuditRules.Hit> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        boolean lwp = text.contains("LWP::Simple");
        if (!isSource(text, lwp)) {
            return out; // nothing fetched or decoded anywhere: nothing can reach an evaluator
        }
        String[] lines = AuditRules.split(text);
        String[] lower = AuditRules.splitLower(text);
        Map<String, Integer> tainted = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.length() > 4000) {
                continue; // a minified blob is the blob rule's
            }
            boolean source = isSource(line, lwp);
            if (source || mentions(line, tainted)) {
                taintParameters(line, tainted, i);
            }
            assignments(line, tainted, i, lwp); // before the sink: "let d = ''; r.on('data', c => d += c); … eval(d)"
            String fired = containsAny(lower[i], SINK_WORDS) ? sinkFed(line, tainted, lwp) : null;
            if (fired == null && (line.contains("$(") || line.indexOf('`') >= 0) && SUBSTITUTED_COMMAND.matcher(line).find()) {
                fired = "a command built from decoded or fetched text";
            }
            if (fired != null) {
                out.add(new AuditRules.Hit(i + 1, AuditRules.excerpt(line.strip())));
            }
        }
        return out;
    }

    /** Words one of which every {@link #SINK} match holds (lower case): lines without any are not matched against it. */
    private static final String[] SINK_WORDS = {"eval", "exec", "sh ", "source", "python", "perl", "ruby", "node",
            "compile", "system", "popen", "subprocess", "pickle", "function", "vm.", "child_process", "_compile", "%x", "qx", "`",
            "iex", "invoke-expression", "scriptblock", "invokescript", "powershell", "\"$"};

    private static boolean containsAny(String line, String[] words) {
        for (String w : words) {
            if (line.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Perl's LWP::Simple exports a bare {@code get($url)}: a fetch only in a file that uses it. */
    private static final Pattern LWP_GET = Pattern.compile("(?<![\\w>$.])get\\s*(\\(|\\$)");

    private static boolean isSource(String text, boolean lwp) {
        return FETCH.matcher(text).find() || DECODE.matcher(text).find() || (lwp && LWP_GET.matcher(text).find());
    }

    /** The sink on {@code line} whose argument holds a source or a tainted name, or null. */
    private static String sinkFed(String line, Map<String, Integer> tainted, boolean lwp) {
        Matcher m = SINK.matcher(line);
        while (m.find()) {
            String after = line.substring(m.start());
            if (isSource(after, lwp) || mentions(after, tainted)) {
                return m.group();
            }
        }
        // a shell command whose command word is a tainted variable: "$cmd" args
        Matcher cmd = COMMAND_VARIABLE.matcher(line);
        if (cmd.find() && tainted.containsKey(cmd.group(1) != null ? cmd.group(1) : cmd.group(2))) {
            return cmd.group();
        }
        return null;
    }

    private static void taintParameters(String line, Map<String, Integer> tainted, int at) {
        Matcher m = PARAMS.matcher(line);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    for (String p : m.group(g).split(",")) {
                        String name = p.strip().replaceFirst("^[$@&*]", "").replaceFirst("[\\s:=].*$", "");
                        if (name.matches("[A-Za-z_]\\w*")) {
                            tainted.put(name, at);
                        }
                    }
                }
            }
        }
    }

    /** Taints each name assigned from a source or a tainted name; clears one assigned from anything else. */
    private static void assignments(String line, Map<String, Integer> tainted, int at, boolean lwp) {
        for (String statement : line.split(";")) {
            Matcher m = ASSIGN.matcher(statement);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1).replaceFirst("^[$@]", "");
            String rhs = statement.substring(m.end());
            boolean fromSource = isSource(rhs, lwp) || mentions(rhs, tainted)
                    || (statement.contains("+=") && tainted.containsKey(name));
            if (fromSource) {
                tainted.put(name, at);
            } else if (!rhs.isBlank()) {
                tainted.remove(name);
            }
        }
    }

    private static boolean mentions(String text, Map<String, Integer> tainted) {
        if (tainted.isEmpty()) {
            return false;
        }
        Matcher w = WORD.matcher(text);
        while (w.find()) {
            if (tainted.containsKey(w.group(1))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern WORD = Pattern.compile("(?<![\\w'\"])[$@]?\\{?([A-Za-z_]\\w*)");
}
