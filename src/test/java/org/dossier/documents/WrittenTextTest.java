package org.dossier.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

/**
 * Text as stored is what the regular expressions say it is: the hand-written passes that look for
 * something to change before running an expression (every title and paragraph written goes through
 * them) change exactly what the expressions change.
 */
@SameOnEveryDatabase
class WrittenTextTest {

    /** Letters, every kind of space, the invisible characters and a combining accent, mostly ASCII as titles are. */
    private static final String ALPHABET = "ab Z.,'\t\n\u000B\f\r\u00A0\u1680\u2003\u2028\u2029\u3000\u0085\u001C"
            + "\u00AD\u200B\u2060\uFEFF\u200D\u0301e\u00E9\u0416";

    private static String random(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            // Half the texts plain ASCII letters and spaces, as nearly every one is.
            text.append(ALPHABET.charAt(random.nextInt(random.nextInt(4) == 0 ? ALPHABET.length() : 6)));
        }
        return text.toString();
    }

    /** {@code actual} makes of 100,000 random texts what {@code expected} makes of them. */
    private static void agreeOnRandomTexts(long seed, UnaryOperator<String> expected, UnaryOperator<String> actual) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            String text = random(random);
            assertEquals(expected.apply(text), actual.apply(text),
                    () -> "'" + text.codePoints().mapToObj(Integer::toHexString).toList() + "'");
        }
    }

    @Test
    void theInvisibleCharactersGoAndLettersAreComposedAsTheExpressionSays() {
        Pattern invisible = Pattern.compile("[\\u00AD\\u200B\\u2060\\uFEFF]");
        agreeOnRandomTexts(15, text -> invisible.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(""),
                WrittenText::asStored);
    }

    @Test
    void everyRunOfSpacesOfAnyKindIsOneSpaceAsTheExpressionSays() {
        Pattern runs = Pattern.compile("[\\s\\p{Z}]+");
        agreeOnRandomTexts(16, text -> runs.matcher(text).replaceAll(" "), WhiteSpace::oneSpaceApartOfAnyKind);
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            assertEquals(runs.matcher(String.valueOf(c)).matches(), WhiteSpace.isOfAnyKind(c), Integer.toHexString(c));
        }
    }
}
