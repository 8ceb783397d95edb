package org.dossier.importing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.testing.SameOnEveryDatabase;
import org.junit.jupiter.api.Test;

@SameOnEveryDatabase
class MadeInThisImportTest {

    private static List<String> identities(String prefix, int count) {
        List<String> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(new SeedEntry("page.txt", i + 1, i + 1, Optional.empty(), prefix + " " + i, List.of()).identity());
        }
        return all;
    }

    @Test
    void anIdentityTheImportMadeIsAlwaysMaybeAndMostOthersAreCertainlyNot() {
        MadeInThisImport made = new MadeInThisImport();
        List<String> madeOnes = identities("Telegram", 300_000);
        madeOnes.forEach(made::add);
        assertTrue(madeOnes.stream().allMatch(made::mayHold), "no identity the import made is ever said not made");
        long wrongly = identities("Memorandum", 100_000).stream().filter(made::mayHold).count();
        assertTrue(wrongly < 1_000, wrongly + " of 100,000 identities not made were said perhaps made");
    }

    @Test
    void textThatIsNotHexadecimalIsFilteredByItsHashCode() {
        MadeInThisImport made = new MadeInThisImport();
        made.add("not an identity at all");
        made.add("");
        assertTrue(made.mayHold("not an identity at all"));
        assertTrue(made.mayHold(""));
        assertTrue(!made.mayHold("another text"));
    }
}
