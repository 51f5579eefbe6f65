package io.lotledger.cli;

import io.lotledger.error.LedgerException;
import io.lotledger.policy.PolicyFile;
import io.lotledger.policy.PolicyFileException;
import io.lotledger.rules.Policy;
import io.lotledger.rules.VerificationException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code ledger} command: records, lists, traces and verifies lots in a ledger directory.
 *
 * <p>Every failure ends in one line on stderr, {@code ledger: <message>}, and an exit code: {@value
 * #EXIT_OK} success, {@value #EXIT_INVALID} the ledger or a bundle does not verify (or a lot's
 * check has findings), {@value #EXIT_USAGE} a usage or input error (bad arguments, a missing
 * directory, not a ledger, a corrupt store, a bad key file, a malformed bundle or trust file),
 * {@value #EXIT_INTERNAL} an internal error (a bug). Stack traces appear only with {@code
 * LEDGER_DEBUG=1}. A mistyped command or option is named with the one meant, when a typo explains
 * it ({@link #usageMessage}).
 *
 * <p>{@code ledger} without a command prints the help, as {@code ledger --help} does (exit 0):
 * asking what there is is not a mistake. {@code ledger completion} prints picocli's bash/zsh
 * completion script.
 */
@Command(
    name = "ledger",
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = LedgerCli.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Verifiable track-and-trace of material lots: an append-only ledger of signed, hash-linked "
          + "events (GS1 EPCIS 2.0-shaped) in an embedded store.",
      "",
      "Try it: ledger demo battery && ledger lots && ledger verify",
      "Then prove one lot offline: ledger trust > trust.txt && ledger export LOT --out lot.bundle "
          + "&& ledger verify --bundle lot.bundle --trust trust.txt",
      "Commands that print data take --json: one JSON object on one line (pure ASCII; amounts as exact decimal "
          + "strings), its members listed in the command's help.",
      "TAB completion in bash or zsh: source <(ledger completion)",
      "Without a command, 'ledger' prints this help (exit 0)."
    },
    subcommands = {
      DemoCommand.class,
      InitCommand.class,
      KeygenCommand.class,
      ActorCommand.class,
      KeyCommand.class,
      LotsCommand.class,
      TraceCommand.class,
      VerifyCommand.class,
      CheckCommand.class,
      CheckpointCommand.class,
      TrustCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      CaptureCommand.class,
      ReportCommand.class,
      EpcisHashCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0   success",
      "  1   the ledger or bundle does not verify (the first broken fact is printed),",
      "      or check found claims or policy rules the records do not back",
      "  2   usage or input error: bad arguments, a missing directory, not a ledger,",
      "      a corrupt store, a bad key file, an unreadable or malformed bundle,",
      "      trust or policy file",
      "  70  internal error",
      "",
      "Set LEDGER_DEBUG=1 to see stack traces and library logs."
    })
public final class LedgerCli implements Callable<Integer> {
  static final int EXIT_OK = 0;

  /** A LOT argument, validated: a usage error (exit 2) naming the problem otherwise. */
  static io.lotledger.event.LotId lotArgument(String text) throws CliException {
    try {
      return io.lotledger.event.LotId.parse(text);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid lot id: " + e.getMessage());
    }
  }

  /**
   * The policy a {@code --policy FILE} option names, read ({@link PolicyFile}); {@link Policy#NONE}
   * without the option. A usage error (exit 2) naming the file and the problem otherwise.
   */
  static Policy policyOption(Path file) throws CliException {
    if (file == null) {
      return Policy.NONE;
    }
    try {
      return PolicyFile.read(file);
    } catch (IOException e) {
      throw CliException.usage("cannot read policy file: " + describe(e));
    } catch (PolicyFileException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  static final int EXIT_INVALID = 1;

  /** The subcommand that prints the shell completion script. */
  static final String COMPLETION = "completion";

  static final int EXIT_USAGE = 2;

  /** sysexits.h EX_SOFTWARE: an internal software error. */
  static final int EXIT_INTERNAL = 70;

  private static final String DEBUG_ENV = "LEDGER_DEBUG";

  /**
   * Whether the stderr the commands write to is a terminal: progress is then a bar redrawn in
   * place.
   */
  private final boolean stderrIsTerminal;

  LedgerCli(boolean stderrIsTerminal) {
    this.stderrIsTerminal = stderrIsTerminal;
  }

  boolean stderrIsTerminal() {
    return stderrIsTerminal;
  }

  @Spec CommandSpec spec;

  /**
   * Without a command: the usage with every command, on stdout, as {@code ledger --help} prints it.
   */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return EXIT_OK;
  }

  public static void main(String[] args) {
    if (debug()) {
      // Before any logger exists: slf4j-simple reads its level once. simplelogger.properties keeps
      // it off otherwise.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line {@code args}, writing to {@code out} and {@code err} (UTF-8), and returns
   * the exit code. Never throws and never calls {@link System#exit}.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter =
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      // Only the process's own stderr can be a terminal; a stream handed in (tests, embedding)
      // never is.
      CommandLine cli =
          new CommandLine(new LedgerCli(err == System.err && Progress.stderrIsTerminal()));
      DemoCommand.addScenarios(cli.getSubcommands().get("demo"));
      // picocli's own: prints a bash completion script (zsh loads it through bashcompinit). Renamed
      // from
      // generate-completion in its spec, so that its usage and description say 'ledger completion'
      // too.
      CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
      completion.getCommandSpec().name(COMPLETION);
      cli.addSubcommand(completion);
      cli.setOut(outWriter);
      cli.setErr(errWriter);
      cli.setParameterExceptionHandler(LedgerCli::reportUsage);
      cli.setExecutionExceptionHandler(
          (e, commandLine, parseResult) -> report(e, commandLine.getErr()));
      return cli.execute(args);
    } catch (RuntimeException | Error e) {
      // Only reachable through a bug in the handlers themselves; still one line and a code.
      return report(
          e instanceof Exception ex ? ex : new IllegalStateException(String.valueOf(e), e),
          errWriter);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** picocli could not parse the arguments: one line naming the problem and where to get help. */
  private static int reportUsage(ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("ledger: " + usageMessage(e));
    if (debug()) {
      e.printStackTrace(err);
    }
    err.flush();
    return EXIT_USAGE;
  }

  /**
   * What was wrong with the arguments, in one line: a mistyped command or option with the most
   * similar name picocli finds, if a typo explains it ({@code unknown command 'trce'; did you mean
   * 'trace'?}), else picocli's message and where to get help.
   */
  static String usageMessage(ParameterException e) {
    CommandLine at = e.getCommandLine();
    String command = at.getCommandSpec().qualifiedName();
    String help = " (see '" + command + " --help')";
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      List<String> suggestions =
          u.getSuggestions().stream().filter(name -> Typo.explains(arg, name)).toList();
      if (!u.isUnknownOption() && !at.getSubcommands().isEmpty()) {
        // Below the root, a command is named with its parents ('demo batery'), as it is typed after
        // 'ledger'.
        String parent =
            at.getCommandSpec().parent() == null
                ? ""
                : command.substring(command.indexOf(' ') + 1) + " ";
        return oneLine(
            "unknown command '"
                + parent
                + arg
                + "'"
                + (suggestions.isEmpty()
                    ? help
                    : "; did you mean '" + parent + suggestions.get(0) + "'?"));
      }
      if (u.isUnknownOption() && !suggestions.isEmpty()) {
        return oneLine(
            "unknown option '"
                + arg
                + "' of '"
                + command
                + "'; did you mean '"
                + suggestions.get(0)
                + "'?");
      }
    }
    return oneLine(e.getMessage()) + help;
  }

  /** Maps a failure to its exit code and reports it as one line. */
  static int report(Exception e, PrintWriter err) {
    int code;
    String message;
    if (e instanceof CliException c) {
      code = c.exitCode();
      message = c.getMessage();
    } else if (e instanceof VerificationException v) {
      code = EXIT_INVALID;
      message = "verification failed: " + v.finding();
    } else if (e instanceof LedgerException le) {
      code = le.code() == LedgerException.Code.VERIFICATION_FAILED ? EXIT_INVALID : EXIT_USAGE;
      message = le.getMessage();
    } else if (e instanceof IOException io) {
      code = EXIT_USAGE;
      message = describe(io);
    } else if (e instanceof UncheckedIOException io) {
      code = EXIT_USAGE;
      message = describe(io.getCause());
    } else if (e instanceof IllegalArgumentException) {
      // The model refused a value: arguments are validated before they reach it, so this is data
      // read
      // from the store that does not decode (a corrupt record), which is an input error, not a bug
      // here.
      code = EXIT_USAGE;
      message = "invalid data: " + e.getMessage();
    } else {
      code = EXIT_INTERNAL;
      message = "internal error: " + e + " (set " + DEBUG_ENV + "=1 for the stack trace)";
    }
    err.println("ledger: " + oneLine(message));
    if (debug()) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** An I/O failure in words, without the exception's class name. */
  static String describe(IOException e) {
    if (e instanceof NoSuchFileException f) {
      return "no such file or directory: " + f.getFile();
    } else if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    } else if (e instanceof FileAlreadyExistsException f) {
      return "already exists: " + f.getFile();
    } else if (e instanceof NotDirectoryException f) {
      return "not a directory: " + f.getFile();
    } else if (e instanceof DirectoryNotEmptyException f) {
      return "directory not empty: " + f.getFile();
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + ": " + f.getFile();
    }
    return String.valueOf(e.getMessage());
  }

  /** {@code s} on one line: line breaks become " | ", other control characters '?'. */
  static String oneLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    StringBuilder b = new StringBuilder(s.length());
    String text = s.strip().replace("\r\n", "\n");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        b.append(" | ");
      } else if (Character.isISOControl(c)) {
        b.append('?');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static boolean debug() {
    return "1".equals(System.getenv(DEBUG_ENV));
  }

  /** {@code ledger --version}: the jar manifest's Implementation-Version. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = LedgerCli.class.getPackage().getImplementationVersion();
      return new String[] {"ledger " + (v == null ? "(development build)" : v)};
    }
  }
}
