package io.github.sparkthumbs.settings;

/** A usage error: names the flag at fault. The command line turns it into exit code 2. */
public final class SettingsException extends IllegalArgumentException {
  private final String flag;

  public SettingsException(String flag, String problem) {
    super(flag + " " + problem);
    this.flag = flag;
  }

  public String flag() {
    return flag;
  }
}
