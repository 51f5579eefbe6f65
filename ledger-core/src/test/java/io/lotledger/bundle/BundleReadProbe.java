package io.lotledger.bundle;

import io.lotledger.error.LedgerException;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link BundleLimitsTest}: reads each bundle file named on
 * the command line with {@link Bundle#read} and prints one line per file, {@code <n> rejected
 * <code>: <message>} or {@code <n> accepted}. Exits 0 when every file was rejected with a {@link
 * LedgerException} of code {@code INVALID_INPUT}, 2 when one was accepted, 3 on an {@link
 * OutOfMemoryError} or any other throwable (so a large allocation shows as exit code 3).
 */
public final class BundleReadProbe {
  private BundleReadProbe() {}

  public static void main(String[] args) {
    int status = 0;
    for (int i = 0; i < args.length; i++) {
      try {
        Bundle.read(Path.of(args[i]));
        System.out.println(i + " accepted");
        status = Math.max(status, 2);
      } catch (LedgerException e) {
        if (e.code() != LedgerException.Code.INVALID_INPUT) {
          System.out.println(i + " failed " + e);
          System.out.flush();
          System.exit(3);
        }
        System.out.println(i + " rejected " + e.code() + ": " + e.getMessage());
      } catch (OutOfMemoryError e) {
        System.out.println(i + " OutOfMemoryError: " + e.getMessage());
        System.out.flush();
        System.exit(3);
      } catch (Throwable e) {
        System.out.println(i + " failed " + e);
        System.out.flush();
        System.exit(3);
      }
    }
    System.out.flush();
    System.exit(status);
  }
}
