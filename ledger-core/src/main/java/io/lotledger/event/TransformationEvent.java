package io.lotledger.event;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * EPCIS TransformationEvent: input lots (with consumed quantities) become output lots (with
 * produced quantities) — smelting, mixing, cutting, assembling. Outputs are the children of every
 * input in the ancestry DAG. {@code stepEmissions} is this step's own carbon (kg CO2e), if
 * declared.
 *
 * <p>A lot may be both an input and an output (EPCIS 2.0 §7.4.5 does not forbid it: a lot processed
 * in place, part of it drawn and returned changed). It is then not its own parent: the lot graph
 * leaves the self-edge out, and the roll-up reads the output as made from the lot's state before
 * the event.
 *
 * @param inputs the lots consumed, with the quantities consumed; at least one
 * @param outputs the lots produced, with the quantities produced; at least one
 * @param transformationId the EPCIS transformationID, a URI, or null
 * @param ilmd master data of the outputs; null becomes {@link LotMasterData#NONE}
 * @param stepEmissions this step's own emissions in kg CO2e, or null when not declared
 * @param time when the event happened
 * @param context where and why; null becomes {@link EventContext#EMPTY}
 */
public record TransformationEvent(
    List<LotQuantity> inputs,
    List<LotQuantity> outputs,
    String transformationId,
    LotMasterData ilmd,
    BigDecimal stepEmissions,
    OffsetDateTime time,
    EventContext context)
    implements Event {

  /**
   * Copies the lists; a null {@code ilmd} becomes {@link LotMasterData#NONE}, a null context {@link
   * EventContext#EMPTY}.
   *
   * @throws IllegalArgumentException if {@code inputs} or {@code outputs} is empty, names a lot
   *     twice or more lots than an event may, {@code transformationId} is not an absolute URI, or
   *     {@code time} is null
   */
  public TransformationEvent {
    inputs = Event.lotList("transformation inputs", inputs);
    outputs = Event.lotList("transformation outputs", outputs);
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException("transformation needs at least one input and one output");
    }
    if (transformationId != null) {
      Uris.require("transformation id", transformationId);
    }
    ilmd = ilmd == null ? LotMasterData.NONE : ilmd;
    if (stepEmissions != null) {
      stepEmissions = Decimals.canonical("step emissions", stepEmissions);
    }
    Event.requireTime(time);
    context = context == null ? EventContext.EMPTY : context;
  }

  /**
   * A transformation with no transformation id and no step emissions.
   *
   * @throws IllegalArgumentException as the constructor
   */
  public static TransformationEvent of(
      List<LotQuantity> inputs,
      List<LotQuantity> outputs,
      LotMasterData ilmd,
      OffsetDateTime time,
      EventContext context) {
    return new TransformationEvent(inputs, outputs, null, ilmd, null, time, context);
  }

  @Override
  public List<LotId> lots() {
    List<LotId> all = new ArrayList<>(inputs.size() + outputs.size());
    inputs.forEach(q -> all.add(q.lot()));
    outputs.forEach(q -> all.add(q.lot()));
    return all;
  }
}
