namespace Encourage.Replies;

/// <summary>
/// The words for the person they are letting go of, whatever their gender: as the object of a verb ("texted her"), as
/// a possessor ("their instagram") and as a subject ("he called"). One list, so a new word ("fiancé", "partner")
/// reaches every reading at once. Written over normalised text (<see cref="ReplyText"/>), words split by one space.
/// </summary>
internal static class PartnerWords
{
    /// <summary>Nouns for the partner after "my", "the" or "our".</summary>
    internal const string Nouns = "ex|boyfriend|bf|girlfriend|gf|husband|hubby|wife|partner|fiance|fiancee|spouse";

    /// <summary>Possessive forms of <see cref="Nouns"/>, as normalising writes them ("my ex's" reads "my exs").</summary>
    internal const string PossessiveNouns = "exs|boyfriends|bfs|girlfriends|gfs|husbands|wifes|partners|fiances|fiancees|spouses";

    /// <summary>"him", "her", "them", "my ex", "the person"...</summary>
    internal const string Object = @"(?:him|her|them|ex|(?:my|the|our) (?:ex )?(?:" + Nouns + @"|person))";

    /// <summary>"his", "her", "their", "my exs"...</summary>
    internal const string Possessive = @"(?:his|her|their|exs|(?:my|the|our) (?:ex )?(?:" + PossessiveNouns + "))";

    /// <summary>"he", "she", "they", "my ex"...</summary>
    internal const string Subject = @"(?:he|she|they|ex|(?:my|the|our) (?:ex )?(?:" + Nouns + "))";

    /// <summary>Words that may stand between the subject and the verb: "he just texted", "she keeps calling".</summary>
    internal const string SubjectAdverbs = @"(?: (?:just|finally|actually|literally|also|then|randomly|suddenly|already|again|has|had|have|is|was|keeps|kept|did|still|even|been|started|out of nowhere|will not stop|would not stop|can not stop|keeps on|just now))*";
}
