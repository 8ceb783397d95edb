package org.dossier.search;

/** A record that matched: its id, its title and a snippet of its summary, matching words marked. */
public record SearchHit(int id, HighlightedText title, HighlightedText snippet) {
}
