import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Counts the mutants of several PIT runs over the same classes as one run: a mutant is killed when any run killed it,
 * and covered when any run's tests reached its line. PIT cannot merge its own reports, and a module's classes are
 * tested by its own tests in one run and by the tests of the modules above it in another (docs/TESTING.md).
 *
 * <p>{@code java scripts/MutationUnion.java [--survivors] mutations.xml...}: prints mutants, killed, score and test
 * strength, overall and for each class; with {@code --survivors}, every mutant no run killed.
 */
final class MutationUnion {

    private record Outcome(String where, String description, boolean killed, boolean covered) {

        Outcome or(Outcome other) {
            return new Outcome(where, description, killed || other.killed, covered || other.covered);
        }
    }

    public static void main(String[] args) throws Exception {
        boolean survivors = false;
        Map<String, Outcome> mutants = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--survivors")) {
                survivors = true;
                continue;
            }
            NodeList found = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(Path.of(arg).toFile()).getElementsByTagName("mutation");
            for (int i = 0; i < found.getLength(); i++) {
                Element mutation = (Element) found.item(i);
                String key = String.join("|", text(mutation, "mutatedClass"), text(mutation, "mutatedMethod"),
                        text(mutation, "methodDescription"), text(mutation, "lineNumber"), text(mutation, "mutator"),
                        text(mutation, "indexes"), text(mutation, "blocks"));
                Outcome outcome = new Outcome(
                        text(mutation, "mutatedClass") + "." + text(mutation, "mutatedMethod") + ":"
                                + text(mutation, "lineNumber"),
                        text(mutation, "description"),
                        mutation.getAttribute("detected").equals("true"),
                        !mutation.getAttribute("status").equals("NO_COVERAGE"));
                mutants.merge(key, outcome, Outcome::or);
            }
        }
        Map<String, int[]> byClass = new TreeMap<>();
        int[] all = new int[3];
        for (Outcome outcome : mutants.values()) {
            int[] counts = byClass.computeIfAbsent(className(outcome.where), c -> new int[3]);
            for (int[] c : new int[][] {counts, all}) {
                c[0]++;
                c[1] += outcome.killed ? 1 : 0;
                c[2] += outcome.covered ? 1 : 0;
            }
            if (survivors && !outcome.killed) {
                System.out.println((outcome.covered ? "SURVIVED    " : "NO_COVERAGE ") + outcome.where + "  "
                        + outcome.description);
            }
        }
        byClass.forEach((name, counts) -> System.out.println(line(name, counts)));
        System.out.println(line("total", all));
    }

    private static String className(String where) {
        String qualified = where.substring(0, where.lastIndexOf('.', where.lastIndexOf(':')));
        int nested = qualified.indexOf('$');
        return nested < 0 ? qualified : qualified.substring(0, nested);
    }

    private static String line(String name, int[] counts) {
        return String.format(Locale.ROOT, "%-60s %5d mutants %5d killed  score %3d %%  test strength %3d %%", name,
                counts[0], counts[1], percent(counts[1], counts[0]), percent(counts[1], counts[2]));
    }

    private static int percent(int part, int whole) {
        return whole == 0 ? 100 : Math.round(100f * part / whole);
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }
}
