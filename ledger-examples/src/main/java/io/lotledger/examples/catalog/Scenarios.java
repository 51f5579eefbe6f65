package io.lotledger.examples.catalog;

import io.lotledger.examples.Scenario;
import io.lotledger.examples.battery.BatteryScenario;
import io.lotledger.examples.ewaste.EwasteChain;
import io.lotledger.examples.metals.MetalsChain;
import io.lotledger.examples.salmon.SalmonChain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every runnable example, by the name {@code ledger demo NAME} knows it under. */
public final class Scenarios {
  private static final Map<String, Function<Boolean, Scenario>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("battery", BatteryScenario::new);
    ALL.put("salmon", SalmonChain::new);
    ALL.put("metals", MetalsChain::new);
    ALL.put("ewaste", EwasteChain::new);
  }

  private Scenarios() {}

  /** The scenario names, in the order the documentation lists them. */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  /** A new scenario, honest or with its planted fraud. */
  public static Scenario create(String name, boolean withFraud) {
    Function<Boolean, Scenario> factory = ALL.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("no example " + name + "; the examples are " + names());
    }
    return factory.apply(withFraud);
  }
}
