/// The probe's version: `schoolnet-probe --version` prints it and `Probes/package.sh` names the
/// Debian package after it, so the two never disagree.
public enum ProbeVersion {
    public static let current = "1.1.0"
}
