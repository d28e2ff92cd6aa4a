package io.tripline.enrich.incident;

import java.util.ArrayList;
import java.util.List;

import io.tripline.enrich.scoring.RiskSignal;

/**
 * What assembling and rendering an incident needs from one member version, derived once per version: its scorer
 * form, its chain facts as a mask, the playbooks it calls for on its own, its severity rank and, when OCSF is
 * published, its entries of {@code related_events}. An incident is assembled again for every member that joins,
 * and deriving all of these from every member each time was most of the assembly's own work. Held in the state by
 * member identity (a new version of a member is a new object), a cache only: never stored.
 */
final class MemberFacts {

    final RiskSignal risk;
    final int chainFacts;
    final int playbooks;
    final int severityRank;
    private RelatedEvents relatedEvents;

    private MemberFacts(Signal member) {
        this.risk = IncidentAssembler.riskSignal(member);
        this.chainFacts = Chains.mask(member);
        this.playbooks = IncidentAssembler.playbookBits(member);
        this.severityRank = IncidentAssembler.riskLevelRank(member.severity());
    }

    /** The member's entries of the OCSF {@code related_events}, rendered when first asked for. */
    RelatedEvents relatedEvents(Signal member) {
        if (relatedEvents == null) {
            relatedEvents = RelatedEvents.of(member);
        }
        return relatedEvents;
    }

    /** The facts of one member of the state, derived now unless known. */
    static MemberFacts of(IncidentState state, Signal member) {
        MemberFacts known = state.memberFacts.get(member);
        if (known == null) {
            known = new MemberFacts(member);
            state.memberFacts.put(member, known);
        }
        return known;
    }

    /** The facts of {@code members}, in their order. */
    static List<MemberFacts> of(IncidentState state, List<Signal> members) {
        List<MemberFacts> out = new ArrayList<>(members.size());
        for (Signal member : members) {
            out.add(of(state, member));
        }
        return out;
    }
}
