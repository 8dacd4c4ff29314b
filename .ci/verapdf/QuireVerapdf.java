import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.Rule;
import org.verapdf.pdfa.validation.profiles.RuleId;

/**
 * The project's veraPDF front end, for tests/validators/verapdf.rs.
 *
 * <p>Usage: {@code QuireVerapdf FLAVOURS FILE.pdf} where FLAVOURS are veraPDF flavour ids (ua1,
 * 2a, 2b, 2u, ...) separated by commas, checked in one run of the JVM. Prints, per flavour, one
 * tab-separated line {@code result FLAVOUR compliant|failed N} and then one line {@code rule CLAUSE-TEST CHECKS DESCRIPTION} per failed rule, so the Rust side parses
 * plain lines. Exit status 0 whether or not the file complies; 2 on bad usage or an unreadable
 * file.
 */
public final class QuireVerapdf {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: QuireVerapdf FLAVOUR[,FLAVOUR...] FILE.pdf");
      System.exit(2);
    }
    VeraGreenfieldFoundryProvider.initialise();
    for (String id : args[0].split(",")) {
      PDFAFlavour flavour = PDFAFlavour.byFlavourId(id);
      if (flavour == PDFAFlavour.NO_FLAVOUR) {
        System.err.println("unknown veraPDF flavour: " + id);
        System.exit(2);
      }
      validate(flavour, new File(args[1]));
    }
  }

  /** Prints the result line and the failed rules of `file` against `flavour`. */
  private static void validate(PDFAFlavour flavour, File file) {
    try (PDFAParser parser = Foundries.defaultInstance().createParser(file, flavour)) {
      PDFAValidator validator =
          Foundries.defaultInstance().createValidator(flavour, -1, false, true, false);
      ValidationResult result = validator.validate(parser);
      Map<String, String> descriptions = new TreeMap<>();
      for (Rule rule : result.getValidationProfile().getRules()) {
        descriptions.put(ruleName(rule.getRuleId()), rule.getDescription());
      }
      Map<String, Integer> failed = new TreeMap<>();
      for (Map.Entry<RuleId, Integer> entry : result.getFailedChecks().entrySet()) {
        failed.put(ruleName(entry.getKey()), entry.getValue());
      }
      System.out.println(
          "result\t" + flavour.getId() + "\t" + (result.isCompliant() ? "compliant" : "failed")
              + "\t" + failed.size());
      for (Map.Entry<String, Integer> entry : failed.entrySet()) {
        String description =
            descriptions.getOrDefault(entry.getKey(), "").replaceAll("\\s+", " ").trim();
        System.out.println("rule\t" + entry.getKey() + "\t" + entry.getValue() + "\t" + description);
      }
    } catch (Exception e) {
      System.err.println("veraPDF could not read " + file + ": " + e);
      System.exit(2);
    }
  }

  private static String ruleName(RuleId id) {
    return id.getClause() + "-" + id.getTestNumber();
  }
}
