package org.dossier.search;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a SolrCloud collection is: the ZooKeeper ensemble's addresses, the ZooKeeper folder
 * Solr's nodes keep their state under (a chroot such as {@code /solr}; none when they use the
 * root), and the collection. Written {@code solr:zk=HOST:PORT[,HOST:PORT...][/CHROOT]/COLLECTION}:
 * the last part of the path is the collection, anything before it the chroot.
 */
public record SolrAddress(List<String> zkHosts, Optional<String> chroot, String collection) {

    public static final String PREFIX = "solr:zk=";
    public static final String FORM = "solr:zk=HOST:PORT[,HOST:PORT...][/CHROOT]/COLLECTION";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._\\-]+)+");

    public SolrAddress {
        zkHosts = List.copyOf(zkHosts);
        if (zkHosts.isEmpty() || !zkHosts.stream().allMatch(h -> HOST.matcher(h).matches())) {
            throw new IllegalArgumentException("ZooKeeper addresses must be HOST:PORT, separated by commas");
        }
        if (chroot.isPresent() && !PATH.matcher(chroot.get()).matches()) {
            throw new IllegalArgumentException("'" + chroot.get() + "' is not a ZooKeeper path such as /solr");
        }
        if (collection == null || !NAME.matcher(collection).matches()) {
            throw new IllegalArgumentException("a collection name is letters, digits, '.', '_' and '-'");
        }
    }

    /** {@code solr:zk=127.0.0.1:2181/solr/dossier}. */
    public static SolrAddress parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("'" + text + "' is not " + FORM);
        }
        String rest = text.substring(PREFIX.length());
        int slash = rest.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' names no collection: " + FORM);
        }
        Ensemble ensemble = Ensemble.parse(rest.substring(0, slash));
        return new SolrAddress(ensemble.hosts(), ensemble.chroot(), rest.substring(slash + 1));
    }

    /** The ZooKeeper part alone, as {@code solr-setup --zk} takes it: {@code HOST:PORT[,...][/CHROOT]}. */
    public record Ensemble(List<String> hosts, Optional<String> chroot) {

        public static Ensemble parse(String text) {
            Matcher path = Pattern.compile("^([^/]*)(/.*)?$").matcher(text == null ? "" : text);
            if (!path.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not HOST:PORT[,HOST:PORT...][/CHROOT]");
            }
            List<String> hosts = Arrays.asList(path.group(1).split(","));
            Optional<String> chroot = Optional.ofNullable(path.group(2));
            // Validated the same way as a whole address.
            new SolrAddress(hosts, chroot, "x");
            return new Ensemble(hosts, chroot);
        }

        public SolrAddress collection(String name) {
            return new SolrAddress(hosts, chroot, name);
        }

        @Override
        public String toString() {
            return String.join(",", hosts) + chroot.orElse("");
        }
    }

    /** The ZooKeeper ensemble (and chroot) the collection is found through. */
    public Ensemble ensemble() {
        return new Ensemble(zkHosts, chroot);
    }

    @Override
    public String toString() {
        return PREFIX + String.join(",", zkHosts) + chroot.orElse("") + "/" + collection;
    }
}
