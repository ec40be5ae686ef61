namespace Serviceloven.Engine.Begrundelse;

/// <summary>Text for systems that build their own letters; Html for a letter body (every value encoded).</summary>
public enum BegrundelseFormat
{
    Text,
    Html,
}
