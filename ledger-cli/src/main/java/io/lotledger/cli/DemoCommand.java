package io.lotledger.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ledger demo}: the sample chains; each is a subcommand. */
@Command(name = "demo", description = "Record a sample supply chain in a new ledger.",
    subcommands = BatteryDemoCommand.class)
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() throws CliException {
    throw CliException.usage("missing demo name: battery (see 'ledger demo --help')");
  }
}
