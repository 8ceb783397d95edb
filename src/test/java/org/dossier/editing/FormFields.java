package org.dossier.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.testing.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/** The fields of a form on a page, as a browser would send them, for a test to change and post. */
public final class FormFields {

    private final List<Map.Entry<String, String>> fields;

    private FormFields(List<Map.Entry<String, String>> fields) {
        this.fields = fields;
    }

    /** The form {@code formSelector} on the page {@code visitor} gets at {@code path}, which must answer 200 (a failure shows the page). */
    public static FormFields at(Http visitor, String path, String formSelector) {
        HttpResponse<String> page = visitor.get(path);
        assertEquals(200, page.statusCode(), () -> path + ": " + page.body());
        return of(page.body(), formSelector);
    }

    public static FormFields of(String html, String formSelector) {
        Element form = Jsoup.parse(html).selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("no form '" + formSelector + "' on the page:\n" + html);
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (Element e : form.select("input[name], textarea[name], select[name]")) {
            String name = e.attr("name");
            switch (e.tagName()) {
                case "textarea" -> fields.add(Map.entry(name, e.wholeText()));
                case "select" -> {
                    Element chosen = e.selectFirst("option[selected]");
                    fields.add(Map.entry(name, chosen == null ? e.selectFirst("option").attr("value") : chosen.attr("value")));
                }
                default -> {
                    boolean box = e.attr("type").equals("checkbox") || e.attr("type").equals("radio");
                    if (!box || e.hasAttr("checked")) {
                        fields.add(Map.entry(name, e.attr("value")));
                    }
                }
            }
        }
        return new FormFields(fields);
    }

    /** The value of the record form's box for the person or place ({@code field}) labelled {@code label}. */
    static String choiceId(String page, String field, String label) {
        return Jsoup.parse(page).select("form.record-form input[name=" + field + "]").stream()
                .filter(box -> box.parent().text().strip().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " " + label)).val();
    }

    public String get(String name) {
        return fields.stream().filter(f -> f.getKey().equals(name)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name + " in " + fields));
    }

    List<String> all(String name) {
        return fields.stream().filter(f -> f.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    public FormFields set(String name, String value) {
        List<Map.Entry<String, String>> changed = new ArrayList<>(fields);
        changed.removeIf(f -> f.getKey().equals(name));
        changed.add(Map.entry(name, value));
        return new FormFields(changed);
    }

    FormFields add(String name, String value) {
        List<Map.Entry<String, String>> changed = new ArrayList<>(fields);
        changed.add(Map.entry(name, value));
        return new FormFields(changed);
    }

    public FormFields without(String name) {
        List<Map.Entry<String, String>> changed = new ArrayList<>(fields);
        changed.removeIf(f -> f.getKey().equals(name));
        return new FormFields(changed);
    }

    public List<Map.Entry<String, String>> entries() {
        return List.copyOf(fields);
    }
}
