package dev.mcpsessions.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** A host is a bare DNS name, IPv4 or IPv6 address: the scheme, port and path have fields of their own. */
final class HostRule {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern WITH_PORT = Pattern.compile("^(\\[[^\\]]*\\]|[^:\\[\\]]*):([0-9]+)$");

    private HostRule() {
    }

    static @Nullable Problem check(String path, String host) {
        Matcher scheme = SCHEME.matcher(host);
        if (scheme.matches()) {
            return ProblemCode.HOST_HAS_SCHEME.at(path,
                    "host '" + shown(host) + "' is a URL; it must be the host name alone.", fix(scheme.group(2)));
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            return ProblemCode.HOST_HAS_PATH.at(path,
                    "host '" + shown(host) + "' contains a path; the manager adds /api2/json itself.", fix(host));
        }
        Matcher withPort = WITH_PORT.matcher(host);
        if (withPort.matches()) {
            return ProblemCode.HOST_HAS_PORT.at(path, "host '" + shown(host) + "' contains a port.", fix(host));
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean valid = bare.contains(":") ? isIpv6(bare)
                : DOTTED_NUMBERS.matcher(bare).matches() ? isIpv4(bare) : isDnsName(bare);
        if (valid) {
            return null;
        }
        return ProblemCode.HOST_INVALID.at(path,
                "host '" + shown(host) + "' is neither a DNS name nor an IPv4 or IPv6 address.",
                "Use a name such as pve.example.lan (letters, digits, '-' and dots), "
                        + "an address such as 192.168.1.10, or an IPv6 address such as fd00::10.");
    }

    /** The hint for a host written as a URL: its parts, each in its own field. */
    private static String fix(String rest) {
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int at = authority.lastIndexOf('@');
        authority = authority.substring(at + 1); // never echo user info, it may hold a password
        Matcher withPort = WITH_PORT.matcher(authority);
        if (withPort.matches()) {
            return "Write \"host\": \"" + withPort.group(1) + "\" and \"port\": " + withPort.group(2) + ".";
        }
        return "Write \"host\": \"" + authority + "\" (the manager talks https://HOST:PORT/api2/json).";
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4 || !DOTTED_NUMBERS.matcher(s).matches()) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        int zone = s.indexOf('%');
        String address = zone < 0 ? s : s.substring(0, zone);
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = address.replace("::", ":x:").split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            boolean edgeOfDoubleColon = g.isEmpty() && doubleColon >= 0
                    && (i == 0 || i == groups.length - 1);
            if (g.equals("x") || edgeOfDoubleColon) {
                continue;
            }
            if (i == groups.length - 1 && g.contains(".")) {
                if (!isIpv4(g)) {
                    return false;
                }
                count += 2;
            } else if (HEX_GROUP.matcher(g).matches()) {
                count++;
            } else {
                return false;
            }
        }
        return doubleColon >= 0 ? count < 8 : count == 8;
    }

    static boolean isDnsName(String s) {
        String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The host as the user wrote it, minus any user info (it may hold a password) and control characters. */
    private static String shown(String host) {
        return host.replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://)?[^/@]*@", "$1").replaceAll("\\p{Cntrl}", "?");
    }
}
