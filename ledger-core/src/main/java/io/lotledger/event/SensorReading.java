package io.lotledger.event;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One EPCIS sensor report: a measured {@code value} of a {@code type} (e.g. gs1:Temperature) in a
 * UN/CEFACT unit (CEL for degrees Celsius), optionally timed and attributed to a device.
 *
 * @param type the measurement type, such as {@code gs1:Temperature}
 * @param value the measured value, exact
 * @param unit the UN/CEFACT unit code, such as {@code CEL}
 * @param time when the value was measured, or null
 * @param device the measuring device, a URI, or null
 */
public record SensorReading(
    String type, BigDecimal value, String unit, OffsetDateTime time, String device) {
  private static final java.util.regex.Pattern UNIT =
      java.util.regex.Pattern.compile("[A-Z0-9]{2,3}");

  /**
   * Puts {@code value} in canonical form.
   *
   * @throws IllegalArgumentException if {@code type} is null, over 256 characters or not printable,
   *     {@code value} is null, {@code unit} is not a UN/CEFACT code such as {@code CEL}, or {@code
   *     device} is not an absolute URI
   */
  public SensorReading {
    if (type == null) {
      throw new IllegalArgumentException("sensor reading type must not be null");
    }
    Uris.text("sensor reading type", type, 256);
    value = Decimals.canonical("sensor reading value", value);
    if (unit == null || !UNIT.matcher(unit).matches()) {
      throw new IllegalArgumentException(
          "sensor reading unit must be a UN/CEFACT code like CEL, not " + unit);
    }
    if (device != null) {
      Uris.require("sensor device", device);
    }
  }

  /**
   * A reading of {@code type} with {@code value} (a decimal string) in {@code unit}, with no time
   * or device.
   *
   * @throws NumberFormatException if {@code value} is not a decimal number
   * @throws IllegalArgumentException as the constructor
   */
  public static SensorReading of(String type, String value, String unit) {
    return new SensorReading(type, new BigDecimal(value), unit, null, null);
  }
}
